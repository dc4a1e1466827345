package dev.bulwark.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Remembers the tokens the decoder accepted, so that a caller sending the same token again is not verified again:
 * the signature check and the claim checks are most of what authenticating a request costs.
 *
 * <p>What it never does: cache a token the decoder refused (junk traffic cannot fill it, and a refused token is
 * refused every time, with its reason); keep a token past its {@code exp}, or past {@code maxTtl}; hold more than
 * about {@code maxEntries} tokens (Caffeine's size bound: when full, it keeps the tokens used often, so a burst of
 * new callers does not push out the regular ones). Entries are keyed by the token's SHA-256, which nobody can make
 * another token collide with, and hold the verified token, which is immutable.
 *
 * <p>The trade-off: a token is checked against the issuer's keys once, when first seen. A key the issuer withdraws
 * stops being honoured for tokens already cached up to {@code maxTtl} later than it would without the cache. Tokens
 * themselves are not revocable here with or without the cache (nothing asks the issuer about a token), which is
 * why access tokens live minutes.
 */
class ValidatedTokenCache implements JwtDecoder {

	private final JwtDecoder decoder;

	private final Duration maxTtl;

	private final Clock clock;

	private final Cache<ByteBuffer, Entry> entries;

	private final Counter hits;

	ValidatedTokenCache(JwtDecoder decoder, int maxEntries, Duration maxTtl, Clock clock, MeterRegistry meters) {
		this.decoder = decoder;
		this.maxTtl = maxTtl;
		this.clock = clock;
		this.entries = Caffeine.newBuilder()
			.maximumSize(maxEntries)
			.expireAfter(Expiry.creating((ByteBuffer key, Entry entry) -> Duration
				.between(clock.instant(), entry.expiresAt())))
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			// Evictions happen on the calling thread: no pool thread for the cache's upkeep.
			.executor(Runnable::run)
			.build();
		this.hits = CountingJwtDecoder.counter(meters, "cached");
	}

	@Override
	public Jwt decode(String token) {
		ByteBuffer key = ByteBuffer.wrap(sha256(token));
		Instant now = this.clock.instant();
		Entry cached = this.entries.getIfPresent(key);
		// The cache's own expiry says the same; this is the rule the cache must never break, stated where it is used.
		if (cached != null && now.isBefore(cached.expiresAt())) {
			this.hits.increment();
			return cached.token();
		}
		Jwt verified = this.decoder.decode(token);
		Instant expiresAt = verified.getExpiresAt();
		if (expiresAt != null && now.isBefore(expiresAt)) {
			this.entries.put(key, new Entry(verified, min(expiresAt, now.plus(this.maxTtl))));
		}
		return verified;
	}

	long size() {
		this.entries.cleanUp();
		return this.entries.estimatedSize();
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static byte[] sha256(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
		}
	}

	private record Entry(Jwt token, Instant expiresAt) {
	}

}
