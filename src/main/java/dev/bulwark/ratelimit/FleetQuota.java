package dev.bulwark.ratelimit;

import dev.bulwark.ratelimit.RateLimitProperties.Limit;

/**
 * A client's allowance counted across every instance of the service, not per JVM: what makes a tier's limit hold
 * for a Lambda fleet. Asked only after the instance's own limiter has let the request through.
 */
public interface FleetQuota {

	Decision acquire(String client, String policy, Limit limit);

}
