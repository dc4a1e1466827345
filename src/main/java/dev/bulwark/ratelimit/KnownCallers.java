package dev.bulwark.ratelimit;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import org.jspecify.annotations.Nullable;

import dev.bulwark.security.Caller;
import dev.bulwark.security.TokenFingerprint;

/**
 * The callers this instance has seen authenticate lately, and the tokens they did it with, so that failed
 * authentications by others at the same address never lock them out (see {@link UnauthenticatedRateLimitFilter}).
 * Tokens are remembered by their {@link TokenFingerprint} until they expire, never as themselves; callers (subject and
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
	 * A caller who has just proven who they are with a token that expires then.
	 */
	void remember(Caller caller, @Nullable Instant tokenExpiry) {
		if (tokenExpiry != null) {
			this.tokens.put(caller.tokenFingerprint(), tokenExpiry);
		}
		this.callers.put(key(caller.subject(), caller.clientId()), Boolean.TRUE);
	}

	/**
	 * Whether this very token verified before and has not expired since.
	 */
	boolean knowsToken(String token) {
		Instant expiry = this.tokens.getIfPresent(TokenFingerprint.of(token));
		return expiry != null && expiry.isAfter(this.clock.instant());
	}

	/**
	 * The caller a token <em>claims</em> to be issued to, if that caller is known; unverified, so only good for
	 * deciding whether a token is worth verifying, never for trusting it.
	 */
	@Nullable String knownClaimedCaller(String token) {
		try {
			JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
			String caller = key(claims.getSubject(), claims.getStringClaim("azp"));
			return (this.callers.getIfPresent(caller) != null) ? caller : null;
		}
		catch (ParseException notAToken) {
			return null;
		}
	}

	/**
	 * The same key as the per-client limits use: a person and a service account never share one.
	 */
	static String key(@Nullable String subject, @Nullable String clientId) {
		return subject + "|" + clientId;
	}

}
