package dev.bulwark.security;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.time.Duration;
import java.text.ParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.BadJWTException;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.bulwark.web.DependencyUnavailableException;

import static dev.bulwark.security.TokenChecks.check;

/**
 * Builds the access-token decoder: signature checked against the issuer's JWKS with an allow-list of asymmetric
 * algorithms, then issuer, audience, expiry (required) and not-before (with a small clock skew), issue time
 * (required), token type, subject and the client the token was issued to.
 *
 * <p>The JWKS is cached and refetched when a token names an unknown key id (key rotation), but at most once per
 * {@code minRefreshInterval}: Spring Security's default refetches on every unknown key id, so a flood of forged
 * tokens would become a flood of requests to the identity provider.
 */
final class JwtDecoders {

	private static final int JWKS_TIMEOUT_MILLIS = 2_000;

	private static final int JWKS_SIZE_LIMIT_BYTES = 64 * 1024;

	/** How the identity provider is named where its failures are reported (logs and metrics, never clients). */
	static final String IDENTITY_PROVIDER = "keycloak";

	private JwtDecoders() {
	}

	/**
	 * What a decoder checks besides the signature.
	 * @param issuer the exact {@code iss} a token must carry
	 * @param audiences a token's {@code aud} must contain one of these
	 * @param algorithms the signature algorithms accepted, e.g. {@code RS256}
	 * @param tokenType the {@code typ} claim an access token carries
	 * @param boundTokenType the {@code typ} claim a DPoP-bound access token carries instead
	 * @param authorizedClients the clients ({@code azp}) whose tokens are accepted
	 * @param clockSkew how far {@code exp} and {@code nbf} may be off
	 */
	record Checks(String issuer, Collection<String> audiences, Collection<String> algorithms, String tokenType,
			String boundTokenType, Collection<String> authorizedClients, Duration clockSkew) {
	}

	/**
	 * Where the issuer's keys are, and how they are cached.
	 * @param uri the issuer's JWKS
	 * @param cacheTtl how long the keys are cached
	 * @param minRefreshInterval the shortest time between two fetches, however many tokens name an unknown key
	 * @param maxStale how long after the last successful fetch the keys are still used while fetches fail
	 */
	record KeySet(String uri, Duration cacheTtl, Duration minRefreshInterval, Duration maxStale) {
	}

	/**
	 * A decoder that checks signatures against the given keys, and everything else as {@code checks} says.
	 */
	static JwtDecoder create(Checks checks, JWKSource<SecurityContext> keys) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
			.jwsAlgorithms(algorithms -> checks.algorithms().forEach(name -> algorithms.add(algorithm(name))))
			.jwtProcessorCustomizer(processor -> processor.setJWTClaimsSetVerifier(JwtDecoders::requireIssueTime))
			.build();
		decoder.setJwtValidator(validator(checks));
		Set<String> algorithms = Set.copyOf(checks.algorithms());
		return token -> {
			try {
				return decoder.decode(token);
			}
			catch (BadJwtException ex) {
				// Nimbus calls any failure to find the keys a bad token; keys that cannot be fetched are an outage.
				DependencyUnavailableException unavailable = unavailable(ex);
				if (unavailable != null) {
					throw unavailable;
				}
				throw new RejectedTokenException(reason(ex, token, algorithms), ex);
			}
		};
	}

	/**
	 * The {@code jwks_uri} from the issuer's OpenID Connect discovery document, after checking that the document
	 * is the issuer's own.
	 */
	static String discoverJwkSetUri(String issuer, Duration retryAfter) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofMillis(JWKS_TIMEOUT_MILLIS)).build());
		requests.setReadTimeout(Duration.ofMillis(JWKS_TIMEOUT_MILLIS));
		Map<String, Object> metadata;
		try {
			metadata = RestClient.builder()
				.requestFactory(requests)
				.build()
				.get()
				.uri(issuer + "/.well-known/openid-configuration")
				.retrieve()
				.body(new ParameterizedTypeReference<>() {
				});
		}
		catch (ResourceAccessException | HttpServerErrorException ex) {
			// Tried again on the next request that needs the decoder.
			throw new DependencyUnavailableException(IDENTITY_PROVIDER, "its discovery document could not be fetched",
					retryAfter, ex);
		}
		if (metadata == null || !issuer.equals(metadata.get("issuer")) || !(metadata.get("jwks_uri") instanceof String uri)) {
			throw new IllegalStateException("The discovery document of " + issuer + " does not describe that issuer");
		}
		return uri;
	}

	/**
	 * The issuer's keys, fetched from its JWKS when first needed, within bounded connect and read timeouts.
	 * <p>
	 * When a fetch fails (the identity provider is down or unreachable), the keys fetched before are used for up to
	 * {@code maxStale} after the last successful fetch, so tokens signed by a known key keep working. A token whose
	 * key is not among usable keys is invalid (401), also while fetching is throttled or failing. Without usable
	 * keys, no token can be checked: a 503 with {@code Retry-After} of the refresh interval, until the keys can be
	 * fetched again.
	 */
	static JWKSource<SecurityContext> remoteKeys(KeySet keySet, MeterRegistry meters) {
		WatchedJwks endpoint = new WatchedJwks(new URLBasedJWKSetSource<>(url(keySet.uri()),
				new DefaultResourceRetriever(JWKS_TIMEOUT_MILLIS, JWKS_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT_BYTES)),
				keySet.maxStale(), meters);
		JWKSource<SecurityContext> keys = JWKSourceBuilder.create(endpoint)
			.cache(keySet.cacheTtl().toMillis(), JWKS_TIMEOUT_MILLIS)
			.outageTolerant(keySet.maxStale().toMillis())
			.rateLimited(keySet.minRefreshInterval().toMillis())
			.refreshAheadCache(false)
			.build();
		return (selector, context) -> {
			try {
				return keys.get(selector, context);
			}
			catch (KeySourceException ex) {
				if (endpoint.haveUsableKeys(System.currentTimeMillis())) {
					// A key id that is not among the keys, and cannot be looked up now (refetching is throttled, or
					// fails): for now, no key at all, so the token is invalid.
					return List.of();
				}
				throw new DependencyUnavailableException(IDENTITY_PROVIDER, "its keys could not be fetched",
						keySet.minRefreshInterval(), ex);
			}
		};
	}

	private static URL url(String uri) {
		try {
			return URI.create(uri).toURL();
		}
		catch (MalformedURLException ex) {
			throw new IllegalArgumentException("Not a URL: " + uri, ex);
		}
	}

	/**
	 * Spring's default checks (header type, certificate binding, time) are spelled out here, so that each check has
	 * its reason.
	 */
	private static TokenChecks validator(Checks checks) {
		Set<String> audiences = Set.copyOf(checks.audiences());
		Set<String> clients = Set.copyOf(checks.authorizedClients());
		JwtTimestampValidator timestamps = new JwtTimestampValidator(checks.clockSkew());
		// Spring lets a token without exp through: such a token would never expire.
		timestamps.setAllowEmptyExpiryClaim(false);
		return TokenChecks.of(check(JwtTypeValidator.jwt(), AuthenticationFailure.WRONG_TYPE),
				// Nothing here can check a client certificate (in Lambda there is none), so a token bound to one can
				// never be used: Spring's default check refuses it for want of a certificate, this one says why.
				check((token) -> (token.getClaim("cnf") instanceof Map<?, ?> confirmation
						&& confirmation.containsKey("x5t#S256"))
								? OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
										"The token is bound to a client certificate", null))
								: OAuth2TokenValidatorResult.success(),
						AuthenticationFailure.UNSUPPORTED_BINDING),
				TokenChecks.timestamps(timestamps),
				check(new JwtIssuerValidator(checks.issuer()), AuthenticationFailure.WRONG_ISSUER),
				check(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
						(aud) -> aud != null && aud.stream().anyMatch(audiences::contains)),
						AuthenticationFailure.WRONG_AUDIENCE),
				// Keycloak marks a DPoP-bound token with a type of its own, which no other token may carry.
				check((token) -> ((DPoPProofs.boundKey(token) != null) ? checks.boundTokenType() : checks.tokenType())
					.equals(token.getClaimAsString("typ")) ? OAuth2TokenValidatorResult.success()
							: OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
									"The typ claim is not valid", null)),
						AuthenticationFailure.WRONG_TYPE),
				// Orders, idempotency keys and rate limits belong to the subject: a token without one identifies
				// nobody.
				check(new JwtClaimValidator<String>(JwtClaimNames.SUB, (sub) -> sub != null && !sub.isBlank()),
						AuthenticationFailure.MALFORMED),
				// Keycloak gives every client with full scope the API's audience and roles, so a client a realm admin
				// adds for some other purpose could call the API: only the listed clients may.
				check(new JwtClaimValidator<String>("azp", (azp) -> azp != null && clients.contains(azp)),
						AuthenticationFailure.UNAUTHORIZED_CLIENT));
	}

	private static @Nullable DependencyUnavailableException unavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DependencyUnavailableException unavailable) {
				return unavailable;
			}
		}
		return null;
	}

	/**
	 * Why the decoder refused a token. The checks of the claims say it themselves; for the rest, the token's header
	 * and the signature verifier's exception tell.
	 */
	private static AuthenticationFailure reason(BadJwtException ex, String token, Set<String> algorithms) {
		AuthenticationFailure checked = TokenChecks.reasonOf(ex);
		if (checked != null) {
			return checked;
		}
		try {
			if (!algorithms.contains(JWTParser.parse(token).getHeader().getAlgorithm().getName())) {
				return AuthenticationFailure.DISALLOWED_ALGORITHM;
			}
		}
		catch (ParseException notAToken) {
			return AuthenticationFailure.MALFORMED;
		}
		if (ex.getCause() instanceof BadJWSException) {
			return AuthenticationFailure.BAD_SIGNATURE;
		}
		// The claims verifier's (a missing iat), not the signature's.
		if (ex.getCause() instanceof BadJWTException) {
			return AuthenticationFailure.MALFORMED;
		}
		// "Another algorithm expected, or no matching key(s) found", and the algorithm is allowed: the key is unknown.
		if (ex.getCause() instanceof BadJOSEException) {
			return AuthenticationFailure.UNKNOWN_KEY;
		}
		return AuthenticationFailure.MALFORMED;
	}

	/**
	 * A token that does not say when it was issued cannot be dated, in the logs or against a revocation cut-off;
	 * Keycloak always sets {@code iat}. Checked on the raw claims: Spring's claim conversion fills a missing
	 * {@code iat} in from {@code exp}, so the validators never see it missing.
	 */
	private static void requireIssueTime(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
		if (claims.getIssueTime() == null) {
			throw new BadJWTException("Missing iat");
		}
	}

	private static SignatureAlgorithm algorithm(String name) {
		SignatureAlgorithm algorithm = SignatureAlgorithm.from(name);
		if (algorithm == null) {
			// Only asymmetric algorithms exist here: HMAC with a public key, or "none", cannot be configured.
			throw new IllegalArgumentException("Unsupported JWS algorithm: " + name);
		}
		return algorithm;
	}

}
