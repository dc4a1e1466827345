package dev.bulwark.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the resource server needs beyond Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.*}
 * (issuer, JWKS location, audiences, algorithms).
 *
 * @param resourceClient the Keycloak client whose client roles are the API's roles
 * @param requiredTokenType the {@code typ} claim an access token must carry; Keycloak marks access tokens
 * {@code Bearer} and ID tokens {@code ID}, so this refuses an ID token used as an access token
 * @param authorizedClients the clients whose tokens may call the API, by client id ({@code azp}); in Keycloak, any
 * client with full scope gets the API's audience and roles, so a token from a client not listed here is refused;
 * the default names the dev realm's clients that call the API
 * @param clockSkew how far {@code exp} and {@code nbf} may be off
 * @param jwksCacheTtl how long the issuer's keys are cached
 * @param jwksMinRefreshInterval the shortest time between two fetches of the issuer's keys, however many tokens
 * name an unknown key
 * @param jwksMaxStale how long after the last successful fetch the issuer's keys are still used while fetching
 * them fails (the identity provider is down or unreachable); after that, requests are answered 503 until it is
 * back
 * @param corsAllowedOrigins origins allowed to call the API from a browser; empty (the default) allows none
 * @param tokenCache how many accepted tokens are remembered, and for how long at most
 * @param publicApiDocument whether the OpenAPI document ({@code GET /openapi.json}) is served without a token;
 * off by default, so that a deployment describes its API only to callers it already accepts
 * @param adminNetworks address ranges (CIDR, IPv4 or IPv6) that admin work must come from, matched against the
 * client address after the trusted proxies ({@code bulwark.web.trusted-proxies}): from anywhere else the actuator
 * endpoints but health are refused (403), and a token's admin role is not honoured. Empty (the default): from
 * anywhere, the token and its roles alone decide
 * @param dpop how DPoP-bound (sender-constrained) tokens are taken
 */
@Validated
@ConfigurationProperties("bulwark.security")
public record ApiSecurityProperties(@NotBlank String resourceClient,
		@DefaultValue("Bearer") @NotBlank String requiredTokenType,
		@DefaultValue({ "bulwark-web", "bulwark-cli", "bulwark-reporting", "bulwark-metrics" })
		@NotEmpty List<@NotBlank String> authorizedClients,
		@DefaultValue("30s") @NotNull Duration clockSkew, @DefaultValue("5m") @NotNull Duration jwksCacheTtl,
		@DefaultValue("30s") @NotNull Duration jwksMinRefreshInterval, @DefaultValue("1h") @NotNull Duration jwksMaxStale,
		@DefaultValue @NotNull List<String> corsAllowedOrigins, @DefaultValue @Valid @NotNull TokenCache tokenCache,
		@DefaultValue("false") boolean publicApiDocument, @DefaultValue @NotNull List<@NotBlank String> adminNetworks,
		@DefaultValue @Valid @NotNull Dpop dpop) {

	public ApiSecurityProperties {
		// A range that is none fails the binding, which names the setting.
		adminNetworks.forEach(AdminNetworks::network);
	}

	/**
	 * @param maxEntries the most tokens remembered at once; 0 verifies every request's token
	 * @param maxTtl the longest a token is remembered, however late its {@code exp}: how much later than without
	 * the cache a key withdrawn by the issuer stops being honoured
	 */
	public record TokenCache(@DefaultValue("1000") @PositiveOrZero int maxEntries,
			@DefaultValue("5m") @NotNull Duration maxTtl) {
	}

	/**
	 * RFC 9449: a token bound to a key ({@code cnf.jkt}) is taken only with the DPoP scheme and a proof signed by
	 * that key, for this request, made just now, and never seen before.
	 * @param tokenType the {@code typ} claim of a DPoP-bound access token: Keycloak marks them {@code DPoP}, and
	 * {@link #requiredTokenType() the bearer type} is then refused for a bound token
	 * @param requiredClients clients ({@code azp}) whose tokens are taken only when DPoP-bound, so that a bearer
	 * token of theirs is refused even if the identity provider issued one; in Keycloak, such a client also has
	 * "Require DPoP bound tokens" on
	 * @param proofWindow how far a proof's {@code iat} may be from now, either way; a proof's {@code jti} is
	 * remembered for as long, so that it is taken once
	 * @param replayTable the DynamoDB table where every instance of the fleet remembers the proofs it took, so that
	 * a proof is taken once across the fleet; unset or empty (the default), each instance remembers its own in
	 * memory, which only suits a single instance
	 */
	public record Dpop(@DefaultValue("DPoP") @NotBlank String tokenType,
			@DefaultValue("bulwark-cli") @NotNull List<@NotBlank String> requiredClients,
			@DefaultValue("30s") @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 5) Duration proofWindow,
			@Nullable String replayTable) {
	}

}
