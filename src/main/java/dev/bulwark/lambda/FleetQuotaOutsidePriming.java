package dev.bulwark.lambda;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.FleetQuota;
import dev.bulwark.ratelimit.RateLimitProperties.Limit;
import dev.bulwark.security.PrimingTokens;

/**
 * The fleet quota, except while the handler primes itself before a SnapStart snapshot: asking it then would write
 * to DynamoDB, and a lease taken then would be in every instance restored from the snapshot, each spending the same
 * allowance. The priming caller is still limited by the instance's own limiter.
 */
final class FleetQuotaOutsidePriming implements FleetQuota {

	private final FleetQuota quota;

	private final PrimingTokens priming;

	FleetQuotaOutsidePriming(FleetQuota quota, PrimingTokens priming) {
		this.quota = quota;
		this.priming = priming;
	}

	@Override
	public Decision acquire(String client, String policy, Limit limit) {
		if (this.priming.priming()) {
			return new Decision(true, policy, limit, limit.limit(), limit.period().toSeconds());
		}
		return this.quota.acquire(client, policy, limit);
	}

}
