package dev.bulwark.ratelimit;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * Puts the rate limits into the security filter chain around token verification: the per-address limit on failed
 * authentications just before it, the per-client limit just after it.
 */
public final class RateLimitFilters extends AbstractHttpConfigurer<RateLimitFilters, HttpSecurity> {

	private final UnauthenticatedRateLimitFilter unauthenticated;

	private final ClientRateLimitFilter clients;

	RateLimitFilters(UnauthenticatedRateLimitFilter unauthenticated, ClientRateLimitFilter clients) {
		this.unauthenticated = unauthenticated;
		this.clients = clients;
	}

	@Override
	public void configure(HttpSecurity http) {
		http.addFilterBefore(this.unauthenticated, BearerTokenAuthenticationFilter.class)
			.addFilterAfter(this.clients, BearerTokenAuthenticationFilter.class);
	}

}
