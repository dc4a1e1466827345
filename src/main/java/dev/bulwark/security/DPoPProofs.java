package dev.bulwark.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.DPoPProofContext;
import org.springframework.security.oauth2.jwt.DPoPProofJwtDecoderFactory;
import org.springframework.security.oauth2.jwt.DPoPProofReplayValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;

import static dev.bulwark.security.TokenChecks.check;

/**
 * RFC 9449's checks of a DPoP proof, section 4.3. Spring Security's proof decoder checks the JOSE part: type
 * {@code dpop+jwt}, an RSA or EC signature (never HMAC, never {@code none}) by the public key in the header. The
 * key must be the one the token is bound to, which is checked before anything else. The claims are checked here,
 * each with its own {@link AuthenticationFailure}, and in an order that keeps the replay store for proofs that
 * passed every other check: a forged or misdirected proof costs no write.
 * <p>
 * Spring Security's own claim checks are not used because they compare {@code htu} as a string, where the RFC
 * ignores the query and asks for normalization (a client that writes {@code HTTPS://Api.Example.com:443/orders} is
 * right), and because they cannot say which check failed.
 */
final class DPoPProofs {

	/** The signature algorithms Spring Security's proof decoder verifies, as RFC 9449's {@code algs} lists them. */
	static final List<String> ALGORITHMS = List.of("ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256",
			"RS384", "RS512");

	private final DPoPProofJwtDecoderFactory decoders = new DPoPProofJwtDecoderFactory();

	private final Duration window;

	private final DPoPProofReplayValidator replays;

	private final Clock clock;

	/**
	 * @param window how far a proof's {@code iat} may be from now, either way
	 * @param replays Spring Security's check that a proof's {@code jti} is new, with the same window: its store is
	 * in memory for one instance, shared for a fleet
	 */
	DPoPProofs(Duration window, DPoPProofReplayValidator replays, Clock clock) {
		this.window = window;
		this.clock = clock;
		this.replays = replays;
		this.decoders.setJwtValidatorFactory(this::checks);
	}

	/**
	 * Checks the proof that came with a request, for the access token it came with.
	 * @param requestUrl the URL the client called, without its query: the public one, also behind API Gateway
	 * @throws RejectedTokenException why the proof is refused
	 */
	void verify(String proof, Jwt accessToken, String method, String requestUrl) {
		// The key first, from the header, which the signature covers: a proof by any other key than the token's is
		// refused without the cost of verifying its signature, which its sender could make as large as it likes
		// (RSA keys have no upper size).
		String key = headerKey(proof);
		if (key == null) {
			throw new RejectedTokenException(AuthenticationFailure.PROOF_INVALID, "No JWS with a public key in its header");
		}
		if (!key.equals(boundKey(accessToken))) {
			throw new RejectedTokenException(AuthenticationFailure.PROOF_WRONG_KEY, "Signed by another key");
		}
		DPoPProofContext context;
		try {
			context = DPoPProofContext.withDPoPProof(proof)
				.accessToken(accessToken)
				.method(method)
				.targetUri(requestUrl)
				.build();
		}
		catch (IllegalArgumentException ex) {
			// A method or URL no proof can name (Spring Security takes the methods of RFC 9110 and absolute URLs).
			throw new RejectedTokenException(AuthenticationFailure.PROOF_WRONG_URL, ex.getMessage());
		}
		try {
			this.decoders.createDecoder(context).decode(proof);
		}
		catch (JwtException ex) {
			AuthenticationFailure reason = TokenChecks.reasonOf(ex);
			throw new RejectedTokenException((reason != null) ? reason : AuthenticationFailure.PROOF_INVALID,
					ex.getMessage());
		}
	}

	private OAuth2TokenValidator<Jwt> checks(DPoPProofContext context) {
		Jwt token = (Jwt) Objects.requireNonNull(context.getAccessToken());
		return TokenChecks.of(
				check(proof -> required(proof, "htm", "htu", "iat", "jti", "ath"), AuthenticationFailure.PROOF_INVALID),
				// Methods are case-sensitive (RFC 9110, section 9.1).
				check(claim("htm", context.getMethod()::equals), AuthenticationFailure.PROOF_WRONG_METHOD),
				check(claim("htu", htu -> sameResource(htu, context.getTargetUri())),
						AuthenticationFailure.PROOF_WRONG_URL),
				check(this::recent, AuthenticationFailure.PROOF_STALE),
				check(claim("ath", hash(token.getTokenValue())::equals), AuthenticationFailure.PROOF_WRONG_TOKEN),
				check(this.replays, AuthenticationFailure.PROOF_REPLAYED));
	}

	/**
	 * The thumbprint (RFC 7638) of the key a token is bound to: {@code cnf.jkt}, or none for a bearer token.
	 */
	static @Nullable String boundKey(Jwt token) {
		return (token.getClaim("cnf") instanceof Map<?, ?> confirmation
				&& confirmation.get("jkt") instanceof String thumbprint && !thumbprint.isEmpty()) ? thumbprint : null;
	}

	/**
	 * Whether {@code htu} names the resource at {@code requestUrl}: the same after RFC 3986's syntax- and
	 * scheme-based normalization (case of scheme and host, default port, empty path), with query and fragment
	 * ignored, as RFC 9449 section 4.3 asks.
	 */
	static boolean sameResource(String htu, String requestUrl) {
		URI claimed = uri(htu);
		URI actual = uri(requestUrl);
		return claimed != null && actual != null && claimed.isAbsolute() && claimed.getRawUserInfo() == null
				&& claimed.getScheme().equalsIgnoreCase(actual.getScheme()) && claimed.getHost() != null
				&& claimed.getHost().equalsIgnoreCase(actual.getHost()) && port(claimed) == port(actual)
				&& path(claimed).equals(path(actual));
	}

	private OAuth2TokenValidatorResult recent(Jwt proof) {
		Instant issuedAt = proof.getIssuedAt();
		Instant now = this.clock.instant();
		return result(issuedAt != null && !issuedAt.isBefore(now.minus(this.window))
				&& !issuedAt.isAfter(now.plus(this.window)));
	}

	private static OAuth2TokenValidatorResult required(Jwt proof, String... claims) {
		for (String claim : claims) {
			if (!proof.hasClaim(claim)) {
				return result(false);
			}
		}
		String id = proof.getClaimAsString("jti");
		return result(id != null && !id.isBlank());
	}

	private static OAuth2TokenValidator<Jwt> claim(String name, Predicate<String> test) {
		return proof -> {
			Object value = proof.getClaims().get(name);
			return result(value instanceof String string && test.test(string));
		};
	}

	/**
	 * The thumbprint (RFC 7638) of the public key in a proof's header, before anything is verified; none if the proof
	 * is no JWS (an unsigned one, say) or names no key.
	 */
	private static @Nullable String headerKey(String proof) {
		try {
			JWK key = JWSObject.parse(proof).getHeader().getJWK();
			return (key != null) ? key.computeThumbprint().toString() : null;
		}
		catch (ParseException | JOSEException ex) {
			return null;
		}
	}

	/** RFC 9449's {@code ath}: the base64url SHA-256 of the access token's ASCII. */
	static String hash(String accessToken) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
		}
	}

	private static @Nullable URI uri(String value) {
		try {
			return new URI(value);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return switch (uri.getScheme().toLowerCase(Locale.ROOT)) {
			case "https" -> 443;
			case "http" -> 80;
			default -> -1;
		};
	}

	private static String path(URI uri) {
		String path = uri.getRawPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

	private static OAuth2TokenValidatorResult result(boolean valid) {
		return valid ? OAuth2TokenValidatorResult.success()
				: OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_DPOP_PROOF));
	}

}
