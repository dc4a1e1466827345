package dev.bulwark.ratelimit;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

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

	/**
	 * The rate limits around token verification in the security filter chain: the per-address limit on failed
	 * authentications just before it, the per-client limit just after it. Spring Security applies every
	 * {@code Customizer<HttpSecurity>} bean to the chain it builds, so the security module needs to know nothing of
	 * rate limits.
	 */
	@Bean
	Customizer<HttpSecurity> rateLimitFilters(RateLimits limits, RateLimitProperties properties,
			ProblemResponses problems, MeterRegistry meters, ObjectProvider<FleetQuota> fleet) {
		UnauthenticatedRateLimitFilter unauthenticated = new UnauthenticatedRateLimitFilter(limits,
				properties.unauthenticated(),
				new KnownCallers(properties.maxTrackedClients(), properties.knownCallerRetention(), Clock.systemUTC()),
				problems, Rejections.of(meters, UnauthenticatedRateLimitFilter.POLICY));
		ClientRateLimitFilter clients = new ClientRateLimitFilter(limits, properties.tiers(), properties.routes(),
				problems, meters, fleet.getIfAvailable());
		return http -> http.addFilterBefore(unauthenticated, BearerTokenAuthenticationFilter.class)
			.addFilterAfter(clients, BearerTokenAuthenticationFilter.class);
	}

}
