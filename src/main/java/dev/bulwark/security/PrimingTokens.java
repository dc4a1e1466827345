package dev.bulwark.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Access tokens for warming the whole request path up before a Lambda SnapStart snapshot is taken, without the
 * identity provider. {@link #withCustomerToken} makes a key pair that exists only in this process, signs a token
 * with the claims a Keycloak customer token carries (issuer, audience, authorized client, type, roles), and for as
 * long as the given requests run, and no longer, the application's decoder verifies tokens against that key alone,
 * with all of its claim checks. Nothing is fetched, so no key of the issuer can go stale in a snapshot, and none
 * of the issuer's tokens is decoded or cached while the priming key is trusted.
 *
 * <p>The priming key is trusted only while its requests run, before the snapshot, when no caller can reach the
 * function; after that, the key and its token are worth nothing (even to whoever reads a snapshot).
 */
public final class PrimingTokens {

	/** The priming caller's subject, which no Keycloak user has (Keycloak's subjects are UUIDs). */
	public static final String SUBJECT = "snapstart-priming";

	private static final Duration LIFETIME = Duration.ofMinutes(1);

	private final JwtDecoders.Checks checks;

	private final String resourceClient;

	private final Clock clock;

	private volatile @Nullable JwtDecoder priming;

	PrimingTokens(JwtDecoders.Checks checks, String resourceClient, Clock clock) {
		this.checks = checks;
		this.resourceClient = resourceClient;
		this.clock = clock;
	}

	/**
	 * Runs the requests with the bearer token of a customer that exists only for their duration.
	 */
	public void withCustomerToken(Consumer<String> requests) {
		RSAKey key = newKey();
		this.priming = JwtDecoders.create(this.checks, new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())));
		try {
			requests.accept(sign(key));
		}
		finally {
			this.priming = null;
		}
	}

	/**
	 * The application's decoder, except while priming requests run.
	 */
	JwtDecoder around(JwtDecoder application) {
		return (token) -> {
			JwtDecoder priming = this.priming;
			return (priming != null) ? priming.decode(token) : application.decode(token);
		};
	}

	/**
	 * Whether priming requests are running right now.
	 */
	public boolean priming() {
		return this.priming != null;
	}

	private String sign(RSAKey key) {
		Instant now = this.clock.instant();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(this.checks.issuer())
			.audience(List.copyOf(this.checks.audiences()))
			.subject(SUBJECT)
			.claim("azp", this.checks.authorizedClients().iterator().next())
			.claim("typ", this.checks.tokenType())
			.claim("preferred_username", SUBJECT)
			.claim("resource_access", Map.of(this.resourceClient, Map.of("roles", List.of(Roles.CUSTOMER))))
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(LIFETIME)))
			.build();
		SignedJWT token = new SignedJWT(new JWSHeader.Builder(rsaAlgorithm()).type(JOSEObjectType.JWT)
			.keyID(key.getKeyID())
			.build(), claims);
		try {
			token.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign the priming token", ex);
		}
		return token.serialize();
	}

	private JWSAlgorithm rsaAlgorithm() {
		return this.checks.algorithms()
			.stream()
			.map(JWSAlgorithm::parse)
			.filter(JWSAlgorithm.Family.RSA::contains)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("Priming signs with RSA, which no accepted algorithm is"));
	}

	private static RSAKey newKey() {
		try {
			return new RSAKeyGenerator(RSAKeyGenerator.MIN_KEY_SIZE_BITS).keyID("priming-" + UUID.randomUUID())
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot make the priming key", ex);
		}
	}

}
