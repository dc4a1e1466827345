package dev.bulwark.security;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.SingleResultAuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.DPoPProofReplayValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The API is an OAuth2 resource server: every request but the health check carries a Keycloak access token,
 * validated for signature (issuer's JWKS, RS256 only by default), issuer, audience, time, token type and client; a
 * bearer token with the bearer scheme, a token bound to a key (DPoP) only with the DPoP scheme and its proof. URL
 * rules here repeat the role checks of {@code OrderService}'s method security, so that a route wired to the wrong
 * function still cannot be used by the wrong role (defence in depth). Only for web applications: the scheduled
 * expiry function runs without one, and with method security alone.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, CallerAuthenticationConverter callers, SecurityProblems problems,
			OAuth2ResourceServerProperties resourceServerProperties, StepUpPolicy stepUp, ApiSecurityProperties api,
			JwtDecoder jwtDecoder, ObjectProvider<DPoPProofReplayValidator> sharedReplays, Clock clock)
			throws Exception {
		JwtAuthenticationProvider tokens = new JwtAuthenticationProvider(jwtDecoder);
		tokens.setJwtAuthenticationConverter(callers);
		http.authorizeHttpRequests(requests -> requests
			// The error dispatch only renders the status of a request that was already refused or failed.
			.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
			.requestMatchers(EndpointRequest.to("health")).permitAll()
			.requestMatchers(HttpMethod.GET, "/openapi.json")
			.access(api.publicApiDocument() ? SingleResultAuthorizationManager.permitAll()
					: AuthenticatedAuthorizationManager.authenticated())
			// A scraper needs the metrics, not the orders: its own role, and admins.
			.requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasAnyRole(Roles.METRICS, Roles.ADMIN)
			.requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(Roles.ADMIN)
			.requestMatchers(HttpMethod.POST, "/orders").hasRole(Roles.CUSTOMER)
			.requestMatchers(HttpMethod.GET, "/orders", "/orders/*")
			.hasAnyRole(Roles.CUSTOMER, Roles.FULFILLMENT, Roles.ADMIN, Roles.ORDERS_READ)
			.requestMatchers(HttpMethod.POST, "/orders/*/cancel").hasAnyRole(Roles.CUSTOMER, Roles.ADMIN)
			.requestMatchers(HttpMethod.PUT, "/orders/*/status").hasAnyRole(Roles.FULFILLMENT, Roles.ADMIN)
			.requestMatchers(HttpMethod.DELETE, "/orders/*").hasRole(Roles.ADMIN)
			.anyRequest().authenticated())
			// How strongly and recently the caller authenticated: after the roles, so a missing role stays a 403.
			.addFilterAfter(new StepUpFilter(stepUp, problems, Clock.systemUTC()), AuthorizationFilter.class)
			.oauth2ResourceServer(resourceServer -> resourceServer.bearerTokenResolver(new BearerTokens())
				.jwt(jwt -> jwt.authenticationManager(new BearerTokenAuthentication(tokens, api.dpop().requiredClients())))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				// RFC 9728 metadata at /.well-known/oauth-protected-resource tells clients where to get tokens,
				// and how to bind them.
				.protectedResourceMetadata(metadata -> metadata.protectedResourceMetadataCustomizer(
						resource -> resource.authorizationServer(resourceServerProperties.getJwt().getIssuerUri())
							.resourceName("Bulwark orders API")
							.tlsClientCertificateBoundAccessTokens(false)
							.claim("dpop_signing_alg_values_supported", DPoPProofs.ALGORITHMS)
							.claim("dpop_bound_access_tokens_required", false))))
			// The DPoP scheme, where the bearer scheme is read: same tokens, plus their proofs.
			.addFilterBefore(new DPoPAuthenticationFilter(
					new DPoPTokenAuthentication(tokens, proofs(api.dpop(), sharedReplays, clock)), problems),
					BearerTokenAuthenticationFilter.class)
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			// Bearer tokens, not cookies: there is no session to ride on, so CSRF tokens protect nothing here.
			.csrf(csrf -> csrf.disable())
			// No session is created or read: every request authenticates with its own token. Session fixation
			// protection would need a servlet session (which the Lambda runtime does not have), and with no
			// session there is nothing to fix.
			.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
				.sessionFixation(fixation -> fixation.none()))
			.requestCache(cache -> cache.disable())
			.logout(logout -> logout.disable())
			// With no allowed origin, no CORS processing at all: a preflight is then one more request without a
			// token (401), not an empty 200 from the CORS filter that a browser reads as a refusal anyway.
			.cors(api.corsAllowedOrigins().isEmpty() ? cors -> cors.disable() : Customizer.withDefaults())
			.headers(headers -> headers
				// Always, not only over HTTPS as seen by this process: TLS ends at the load balancer or gateway.
				.httpStrictTransportSecurity(hsts -> hsts.requestMatcher(AnyRequestMatcher.INSTANCE)
					.includeSubDomains(true)
					.maxAgeInSeconds(31_536_000))
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		if (!api.adminNetworks().isEmpty()) {
			// Where admin work may come from: after the token is verified, before the URL rules read its roles.
			http.addFilterAfter(new AdminNetworkFilter(new AdminNetworks(api.adminNetworks()), problems),
					BearerTokenAuthenticationFilter.class);
		}
		return http.build();
	}

	/**
	 * Used proofs are remembered in the fleet's shared store where one is configured
	 * ({@code bulwark.security.dpop.replay-table}), else by this instance alone, in memory.
	 */
	private static DPoPProofs proofs(ApiSecurityProperties.Dpop dpop, ObjectProvider<DPoPProofReplayValidator> shared,
			Clock clock) {
		return new DPoPProofs(dpop.proofWindow(), shared.getIfAvailable(() -> {
			DPoPProofReplayValidator local = new DPoPProofReplayValidator(new DPoPProofReplayValidator.InMemoryCache());
			local.setClockSkew(dpop.proofWindow());
			local.setClock(clock);
			return local;
		}), clock);
	}

	/**
	 * Spring Security's firewall, with the same header rules checked faster (see {@link HeaderCharacters}).
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(HeaderCharacters::allowedInName);
		firewall.setAllowedHeaderValues(HeaderCharacters::allowedInValue);
		return firewall;
	}

	/**
	 * With Spring Security's observations switched off (as {@code application.yml} does, and says why), Boot's
	 * property alone still wraps every filter of the chain in a decorator that asks, per filter and request,
	 * whether to observe; this leaves the chain undecorated.
	 */
	@Bean
	@ConditionalOnProperty(name = "management.observations.enable.spring.security", havingValue = "false")
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	CallerAuthenticationConverter callerAuthenticationConverter(ApiSecurityProperties properties,
			ObjectProvider<CallerTiers> tiers) {
		return new CallerAuthenticationConverter(new KeycloakAuthoritiesConverter(properties.resourceClient()),
				tiers.getIfAvailable(() -> (token, roles) -> CallerTiers.DEFAULT));
	}

	/**
	 * Resolved on first use, so that starting the application (or taking a Lambda SnapStart snapshot) never
	 * depends on the identity provider being reachable, and no keys are fetched before they are needed.
	 */
	@Bean
	JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer, ApiSecurityProperties api,
			PrimingTokens priming, MeterRegistry meters, Clock clock) {
		OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
		JwtDecoders.Checks checks = checks(resourceServer, api);
		JwtDecoder verifying = new CountingJwtDecoder(new SupplierJwtDecoder(() -> JwtDecoders.create(checks,
				JwtDecoders.remoteKeys(new JwtDecoders.KeySet(
						StringUtils.hasText(jwt.getJwkSetUri()) ? jwt.getJwkSetUri()
								: JwtDecoders.discoverJwkSetUri(checks.issuer(), api.jwksMinRefreshInterval()),
						api.jwksCacheTtl(), api.jwksMinRefreshInterval(), api.jwksMaxStale()), meters))),
				meters);
		ApiSecurityProperties.TokenCache cache = api.tokenCache();
		return priming.around((cache.maxEntries() > 0)
				? new ValidatedTokenCache(verifying, cache.maxEntries(), cache.maxTtl(), clock, meters) : verifying);
	}

	@Bean
	PrimingTokens primingTokens(OAuth2ResourceServerProperties resourceServer, ApiSecurityProperties api,
			Clock clock) {
		return new PrimingTokens(checks(resourceServer, api), api.resourceClient(), clock);
	}

	private static JwtDecoders.Checks checks(OAuth2ResourceServerProperties resourceServer, ApiSecurityProperties api) {
		OAuth2ResourceServerProperties.Jwt jwt = resourceServer.getJwt();
		if (!StringUtils.hasText(jwt.getIssuerUri()) || jwt.getAudiences().isEmpty()) {
			throw new IllegalStateException("Set the token issuer and audience (BULWARK_ISSUER_URI, BULWARK_AUDIENCE)");
		}
		return new JwtDecoders.Checks(jwt.getIssuerUri(), jwt.getAudiences(), jwt.getJwsAlgorithms(),
				api.requiredTokenType(), api.dpop().tokenType(), api.authorizedClients(), api.clockSkew());
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(ApiSecurityProperties properties) {
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		if (!properties.corsAllowedOrigins().isEmpty()) {
			CorsConfiguration cors = new CorsConfiguration();
			cors.setAllowedOrigins(properties.corsAllowedOrigins());
			cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
			cors.setAllowedHeaders(List.of("Authorization", "DPoP", "Content-Type", "Idempotency-Key"));
			cors.setExposedHeaders(List.of("Location", "Idempotent-Replayed"));
			cors.setAllowCredentials(false);
			cors.setMaxAge(600L);
			source.registerCorsConfiguration("/**", cors);
		}
		return source;
	}

}
