package dev.bulwark.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;


import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import dev.bulwark.support.JwksEndpoint;

import dev.bulwark.web.DependencyUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The decoder against a stand-in JWKS endpoint that counts how often it is asked for keys. (Keycloak itself is
 * used by the integration tests; here the point is the number of fetches.)
 */
class JwtDecodersTests {

	private static final String ISSUER = "https://idp.example/realms/bulwark";

	private JwksEndpoint jwks;

	private RSAKey key;

	private JwtDecoder decoder;

	@BeforeEach
	void serveKeys() {
		this.jwks = JwksEndpoint.start("realm-key");
		this.key = this.jwks.key();
		this.decoder = decoder(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1),
				new SimpleMeterRegistry());
	}

	@AfterEach
	void stop() {
		this.jwks.close();
	}

	@Test
	void decodesValidTokenWithOneFetchOfTheKeys() throws Exception {
		this.decoder.decode(sign(this.key, claims().build()));
		this.decoder.decode(sign(this.key, claims().build()));

		assertThat(this.jwks.fetches()).isEqualTo(1);
	}

	@Test
	void floodOfUnknownKeyIdsDoesNotFloodTheIdentityProvider() throws Exception {
		this.decoder.decode(sign(this.key, claims().build()));

		RSAKey stranger = new RSAKeyGenerator(2048).generate();
		for (int i = 0; i < 50; i++) {
			String forged = sign(new RSAKey.Builder(stranger).keyID("unknown-" + i).build(), claims().build());
			// BadJwtException is the client's fault (401); any other JwtException would be a server error (500).
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode(forged));
		}

		assertThat(this.jwks.fetches()).isLessThanOrEqualTo(2);
	}

	@Test
	void refusesTokenWithoutTheApiAudience() throws Exception {
		String token = sign(this.key, claims().audience("account").build());

		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.decoder.decode(token));
	}

	@Test
	void toleratesSmallClockSkewOnly() throws Exception {
		Instant now = Instant.now();
		Date issued = Date.from(now.minusSeconds(300));
		String slightlyExpired = sign(this.key,
				claims().issueTime(issued).expirationTime(Date.from(now.minusSeconds(10))).build());
		String clearlyExpired = sign(this.key,
				claims().issueTime(issued).expirationTime(Date.from(now.minusSeconds(60))).build());

		assertThat(this.decoder.decode(slightlyExpired).getSubject()).isEqualTo("subject");
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.decoder.decode(clearlyExpired));
	}

	@Test
	void refusesTokenWithoutExpiry() throws Exception {
		String token = sign(this.key, claims().expirationTime(null).build());

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode(token));
	}

	@Test
	void refusesTokenWithoutIssueTime() throws Exception {
		String token = sign(this.key, claims().issueTime(null).build());

		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode(token));
	}

	@Test
	void acceptsTokenBoundToAKeyWithTheBoundType() throws Exception {
		String bound = sign(this.key, claims().claim("typ", "DPoP")
			.claim("cnf", Map.of("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"))
			.build());

		assertThat(DPoPProofs.boundKey(this.decoder.decode(bound))).isEqualTo("0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I");
	}

	@Test
	void acceptsTokensOfEveryListedClientOnly() throws Exception {
		String web = sign(this.key, claims().claim("azp", "bulwark-web").build());
		String reporting = sign(this.key, claims().claim("azp", "bulwark-reporting").build());
		String unlisted = sign(this.key, claims().claim("azp", "bulwark-admin-console").build());
		String anonymous = sign(this.key, claims().claim("azp", null).build());

		assertThat(this.decoder.decode(web).getSubject()).isEqualTo("subject");
		assertThat(this.decoder.decode(reporting).getSubject()).isEqualTo("subject");
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode(unlisted));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode(anonymous));
	}

	@Test
	void keysFetchedBeforeKeepCheckingTokensWhileTheIssuerIsUnreachable() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		JwtDecoder decoder = decoder(Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMinutes(1), meters);
		decoder.decode(sign(this.key, claims().build()));
		this.jwks.close();
		Thread.sleep(300);

		assertThat(decoder.decode(sign(this.key, claims().build())).getSubject()).isEqualTo("subject");
		assertThat(meters.get("bulwark.jwks.stale").gauge().value()).isEqualTo(1);
	}

	@Test
	void aTokenWithAnUnknownKeyIsInvalidWhileTheIssuerIsUnreachable() throws Exception {
		JwtDecoder decoder = decoder(Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMinutes(1),
				new SimpleMeterRegistry());
		decoder.decode(sign(this.key, claims().build()));
		this.jwks.close();
		String stranger = sign(new RSAKeyGenerator(2048).keyID("stranger").generate(), claims().build());

		assertThatExceptionOfType(RejectedTokenException.class).isThrownBy(() -> decoder.decode(stranger))
			.satisfies(refused -> assertThat(refused.reason()).isEqualTo(AuthenticationFailure.UNKNOWN_KEY));
	}

	@Test
	void keysTooOldToTrustLeaveNoTokenCheckableAndThatIsAnOutage() throws Exception {
		JwtDecoder decoder = decoder(Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(400),
				new SimpleMeterRegistry());
		decoder.decode(sign(this.key, claims().build()));
		this.jwks.close();
		Thread.sleep(600);
		String token = sign(this.key, claims().build());

		assertThatExceptionOfType(DependencyUnavailableException.class).isThrownBy(() -> decoder.decode(token))
			.satisfies(unavailable -> assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofMillis(100)));
	}

	@Test
	void anIssuerWhoseDiscoveryDocumentCannotBeFetchedIsAnOutage() {
		assertThatExceptionOfType(DependencyUnavailableException.class)
			.isThrownBy(() -> JwtDecoders.discoverJwkSetUri("http://127.0.0.1:1/realms/bulwark", Duration.ofSeconds(30)))
			.satisfies(unavailable -> assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
	}

	@Test
	void refusesHmacAlgorithmsInConfiguration() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> JwtDecoders.create(
					new JwtDecoders.Checks(ISSUER, List.of("bulwark-api"), List.of("HS256"), "Bearer", "DPoP",
							List.of("bulwark-web"), Duration.ofSeconds(30)),
					JwtDecoders.remoteKeys(new JwtDecoders.KeySet("http://127.0.0.1:1/certs", Duration.ofMinutes(5),
							Duration.ofSeconds(30), Duration.ofHours(1)), new SimpleMeterRegistry())));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusals")
	void everyRefusalNamesItsReason(AuthenticationFailure reason, Forgery forgery) throws Exception {
		String token = forgery.make(this.key);

		assertThatExceptionOfType(RejectedTokenException.class).isThrownBy(() -> this.decoder.decode(token))
			.satisfies(refused -> assertThat(refused.reason()).isEqualTo(reason));
	}

	static Stream<Arguments> refusals() {
		Instant now = Instant.now();
		return Stream.of(
				arguments(AuthenticationFailure.MALFORMED, (Forgery) key -> "not.a.token"),
				arguments(AuthenticationFailure.MALFORMED,
						(Forgery) key -> sign(key, claims().expirationTime(null).build())),
				arguments(AuthenticationFailure.MALFORMED,
						(Forgery) key -> sign(key, claims().issueTime(null).build())),
				arguments(AuthenticationFailure.MALFORMED, (Forgery) key -> sign(key, claims().subject(null).build())),
				arguments(AuthenticationFailure.BAD_SIGNATURE, (Forgery) key -> sign(
						new RSAKey.Builder(new RSAKeyGenerator(2048).generate()).keyID(key.getKeyID()).build(),
						claims().build())),
				arguments(AuthenticationFailure.UNKNOWN_KEY,
						(Forgery) key -> sign(new RSAKeyGenerator(2048).keyID("stranger").generate(),
								claims().build())),
				arguments(AuthenticationFailure.DISALLOWED_ALGORITHM, (Forgery) key -> {
					SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
					jwt.sign(new MACSigner(new byte[32]));
					return jwt.serialize();
				}),
				arguments(AuthenticationFailure.DISALLOWED_ALGORITHM,
						(Forgery) key -> new PlainJWT(claims().build()).serialize()),
				arguments(AuthenticationFailure.EXPIRED, (Forgery) key -> sign(key, claims()
					.issueTime(Date.from(now.minusSeconds(600)))
					.expirationTime(Date.from(now.minusSeconds(120)))
					.build())),
				arguments(AuthenticationFailure.NOT_YET_VALID,
						(Forgery) key -> sign(key, claims().notBeforeTime(Date.from(now.plusSeconds(120))).build())),
				arguments(AuthenticationFailure.WRONG_ISSUER,
						(Forgery) key -> sign(key, claims().issuer("https://idp.example/realms/other").build())),
				arguments(AuthenticationFailure.WRONG_AUDIENCE,
						(Forgery) key -> sign(key, claims().audience("account").build())),
				arguments(AuthenticationFailure.WRONG_TYPE,
						(Forgery) key -> sign(key, claims().claim("typ", "Refresh").build())),
				arguments(AuthenticationFailure.WRONG_TYPE, (Forgery) key -> {
					SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
						.type(new JOSEObjectType("logout+jwt"))
						.build(), claims().build());
					jwt.sign(new RSASSASigner(key));
					return jwt.serialize();
				}),
				// Keycloak marks a DPoP-bound token DPoP: a token of that type bound to nothing, or a bound one of the
				// bearer type, is neither.
				arguments(AuthenticationFailure.WRONG_TYPE,
						(Forgery) key -> sign(key, claims().claim("typ", "DPoP").build())),
				arguments(AuthenticationFailure.WRONG_TYPE, (Forgery) key -> sign(key,
						claims().claim("cnf", Map.of("jkt", "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I")).build())),
				arguments(AuthenticationFailure.UNAUTHORIZED_CLIENT,
						(Forgery) key -> sign(key, claims().claim("azp", "bulwark-admin-console").build())),
				arguments(AuthenticationFailure.UNSUPPORTED_BINDING, (Forgery) key -> sign(key,
						claims().claim("cnf", Map.of("x5t#S256", "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2"))
							.build())));
	}

	@FunctionalInterface
	interface Forgery {

		String make(RSAKey key) throws Exception;

	}

	private JwtDecoder decoder(Duration cacheTtl, Duration minRefreshInterval, Duration maxStale,
			SimpleMeterRegistry meters) {
		return JwtDecoders.create(
				new JwtDecoders.Checks(ISSUER, List.of("bulwark-api"), List.of("RS256"), "Bearer", "DPoP",
						List.of("bulwark-web", "bulwark-reporting"), Duration.ofSeconds(30)),
				JwtDecoders.remoteKeys(new JwtDecoders.KeySet(this.jwks.uri(), cacheTtl, minRefreshInterval, maxStale),
						meters));
	}

	private static JWTClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("subject")
			.audience("bulwark-api")
			.claim("typ", "Bearer")
			.claim("azp", "bulwark-web")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)));
	}

	private static String sign(RSAKey key, JWTClaimsSet claims) throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
