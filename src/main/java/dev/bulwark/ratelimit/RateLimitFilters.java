package dev.bulwark.ratelimit;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * Puts the rate limits into the security filter chain around token verification: the per-address limit on failed
 * authentications just before it, the per-client limit just after it. A bean: Spring Security applies every
 * {@code Customizer<HttpSecurity>} bean to the chain it builds, so the security module needs to know nothing of
 * rate limits.
 */
final class RateLimitFilters implements Customizer<HttpSecurity> {

	private final UnauthenticatedRateLimitFilter unauthenticated;

	private final ClientRateLimitFilter clients;

	RateLimitFilters(UnauthenticatedRateLimitFilter unauthenticated, ClientRateLimitFilter clients) {
		this.unauthenticated = unauthenticated;
		this.clients = clients;
	}

	@Override
	public void customize(HttpSecurity http) {
		http.addFilterBefore(this.unauthenticated, BearerTokenAuthenticationFilter.class)
			.addFilterAfter(this.clients, BearerTokenAuthenticationFilter.class);
	}

}
