package dev.bulwark.ratelimit;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bulwark.web.ProblemResponses;

/**
 * The rate limits (see {@link RateLimitProperties}), on unless {@code bulwark.rate-limit.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bulwark.rate-limit.enabled", matchIfMissing = true)
class RateLimitConfiguration {

	@Bean
	RateLimits rateLimits(RateLimitProperties properties) {
		return new RateLimits(properties.maxTrackedClients(), properties.idleTimeout(), System::nanoTime);
	}

	@Bean
	TierSelector tierSelector(RateLimitProperties properties) {
		return new TierSelector(properties.tierClaim(), properties.roleTiers(), properties.tiers());
	}

	@Bean
	RateLimitFilters rateLimitFilters(RateLimits limits, RateLimitProperties properties, ProblemResponses problems,
			MeterRegistry meters, ObjectProvider<FleetQuota> fleet) {
		return new RateLimitFilters(
				new UnauthenticatedRateLimitFilter(limits, properties.unauthenticated(),
						new KnownCallers(properties.maxTrackedClients(), properties.knownCallerRetention(), Clock.systemUTC()),
						problems,
						Rejections.of(meters, UnauthenticatedRateLimitFilter.POLICY)),
				new ClientRateLimitFilter(limits, properties.tiers(), properties.routes(), problems, meters,
						fleet.getIfAvailable()));
	}

}
