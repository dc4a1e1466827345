package dev.bulwark.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import dev.bulwark.support.JwksEndpoint;

/**
 * What validating one access token costs, next to its floor: a bare RS256 signature check of the same token, the
 * application's decoder (signature, then every claim check of {@link JwtDecoders}), and the decoder with the
 * caller resolved from the token as each request does ({@link CallerAuthenticationConverter}). The keys come once
 * from a local JWKS endpoint, as from Keycloak, and stay cached. Run with {@code bench/token-validation.sh}; a
 * measurement, not a test.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgs = { "-Xms256m", "-Xmx256m" })
public class TokenValidationBenchmark {

	private static final String ISSUER = "https://idp.example/realms/bulwark";

	private JwksEndpoint jwks;

	private String token;

	private RSASSAVerifier verifier;

	private JwtDecoder decoder;

	private CallerAuthenticationConverter callers;

	@Setup(Level.Trial)
	public void setUp() throws Exception {
		this.jwks = JwksEndpoint.start("realm-key");
		RSAKey key = this.jwks.key();
		this.decoder = JwtDecoders.create(
				new JwtDecoders.Checks(ISSUER, List.of("bulwark-api"), List.of("RS256"), "Bearer", "DPoP",
						List.of("bulwark-web"), Duration.ofSeconds(30)),
				JwtDecoders.remoteKeys(new JwtDecoders.KeySet(this.jwks.uri(), Duration.ofHours(1), Duration.ofSeconds(30),
						Duration.ofHours(1)), new SimpleMeterRegistry()));
		this.callers = new CallerAuthenticationConverter(new KeycloakAuthoritiesConverter("bulwark-api"),
				(token, roles) -> CallerTiers.DEFAULT);
		this.verifier = new RSASSAVerifier(key.toRSAPublicKey());
		Instant now = Instant.now();
		// A Keycloak access token's claims, as the dev realm issues them to alice.
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("77413f27-a6b2-44e9-a439-b91c594977a3")
			.audience("bulwark-api")
			.jwtID("onrtac:7caeb36b-315e-6104-2e42-1fe7dcbb5434")
			.claim("typ", "Bearer")
			.claim("azp", "bulwark-web")
			.claim("acr", "password")
			.claim("auth_time", now.getEpochSecond())
			.claim("sid", "TdtVfI6zyGHQmhgpLjh0JC2t")
			.claim("resource_access", Map.of("bulwark-api", Map.of("roles", List.of("customer"))))
			.claim("scope", "openid profile email")
			.claim("preferred_username", "alice")
			.issueTime(Date.from(now))
			// Long enough for the whole run.
			.expirationTime(Date.from(now.plus(Duration.ofHours(2))))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		this.token = jwt.serialize();
		this.decoder.decode(this.token);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.jwks.close();
	}

	@Benchmark
	public boolean bareRs256Verification() throws Exception {
		return SignedJWT.parse(this.token).verify(this.verifier);
	}

	@Benchmark
	public Jwt decoderWithEveryCheck() {
		return this.decoder.decode(this.token);
	}

	@Benchmark
	public Caller decoderAndCaller() {
		return this.callers.convert(this.decoder.decode(this.token)).caller();
	}

}
