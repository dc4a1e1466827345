package dev.bulwark.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The callers this instance has seen authenticate lately, and the tokens they did it with, so that failed
 * authentications by others at the same address never lock them out (see {@link UnauthenticatedRateLimitFilter}).
 * Tokens are remembered by a SHA-256 fingerprint until they expire, never as themselves; callers (subject and
 * client id) for {@code retention}. Both are bounded in number.
 */
final class KnownCallers {

	private final Cache<String, Instant> tokens;

	private final Cache<String, Boolean> callers;

	private final Clock clock;

	KnownCallers(int maximumSize, Duration retention, Clock clock) {
		this.clock = clock;
		this.tokens = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.expireAfterWrite(retention)
			.executor(Runnable::run)
			.build();
		this.callers = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.expireAfterAccess(retention)
			.executor(Runnable::run)
			.build();
	}

	/**
	 * A token that has just been verified, and whose caller has thereby proven who they are.
	 */
	void remember(Jwt token) {
		Instant expiry = token.getExpiresAt();
		if (expiry != null) {
			this.tokens.put(fingerprint(token.getTokenValue()), expiry);
		}
		this.callers.put(caller(token.getSubject(), token.getClaimAsString("azp")), Boolean.TRUE);
	}

	/**
	 * Whether this very token verified before and has not expired since.
	 */
	boolean knowsToken(String token) {
		Instant expiry = this.tokens.getIfPresent(fingerprint(token));
		return expiry != null && expiry.isAfter(this.clock.instant());
	}

	/**
	 * The caller a token <em>claims</em> to be issued to, if that caller is known; unverified, so only good for
	 * deciding whether a token is worth verifying, never for trusting it.
	 */
	@Nullable String knownClaimedCaller(String token) {
		try {
			JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
			String caller = caller(claims.getSubject(), claims.getStringClaim("azp"));
			return (this.callers.getIfPresent(caller) != null) ? caller : null;
		}
		catch (ParseException notAToken) {
			return null;
		}
	}

	/**
	 * The same key as the per-client limits use: a person and a service account never share one.
	 */
	static String caller(@Nullable String subject, @Nullable String clientId) {
		return subject + "|" + clientId;
	}

	private static String fingerprint(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
		}
	}

}
