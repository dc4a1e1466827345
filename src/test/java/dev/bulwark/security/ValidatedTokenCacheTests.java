package dev.bulwark.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import dev.bulwark.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The cache around a decoder that accepts tokens named {@code valid-*} (each expiring {@link #LIFETIME} after the
 * clock's start) and refuses every other one, counting what it is asked.
 */
class ValidatedTokenCacheTests {

	private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");

	private static final Duration LIFETIME = Duration.ofMinutes(5);

	private final MutableClock clock = new MutableClock(START);

	private final List<String> verified = new ArrayList<>();

	private final JwtDecoder decoder = token -> {
		this.verified.add(token);
		if (!token.startsWith("valid-")) {
			throw new BadJwtException("Refused");
		}
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject(token)
			.issuedAt(START)
			.expiresAt(START.plus(LIFETIME))
			.build();
	};

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void sameTokenIsVerifiedOnce() {
		ValidatedTokenCache cache = cache(10, Duration.ofMinutes(10));

		Jwt first = cache.decode("valid-a");
		Jwt second = cache.decode("valid-a");

		assertThat(second).isSameAs(first);
		assertThat(this.verified).containsExactly("valid-a");
		assertThat(this.meters.counter("bulwark.jwt.verifications", "outcome", "cached").count()).isEqualTo(1);
	}

	@Test
	void differentTokensAreVerifiedEach() {
		ValidatedTokenCache cache = cache(10, Duration.ofMinutes(10));

		assertThat(cache.decode("valid-a").getSubject()).isEqualTo("valid-a");
		assertThat(cache.decode("valid-b").getSubject()).isEqualTo("valid-b");

		assertThat(this.verified).containsExactly("valid-a", "valid-b");
	}

	@Test
	void refusedTokenIsNeverCached() {
		ValidatedTokenCache cache = cache(10, Duration.ofMinutes(10));

		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> cache.decode("forged"));
		}

		assertThat(this.verified).containsExactly("forged", "forged", "forged");
		assertThat(cache.size()).isZero();
	}

	@Test
	void entryNeverOutlivesTheTokensExpiry() {
		ValidatedTokenCache cache = cache(10, Duration.ofHours(1));
		cache.decode("valid-a");

		this.clock.set(START.plus(LIFETIME).minusMillis(1));
		cache.decode("valid-a");
		assertThat(this.verified).hasSize(1);

		this.clock.set(START.plus(LIFETIME));
		cache.decode("valid-a");
		assertThat(this.verified).as("verified again once expired: the decoder decides, with its clock skew")
			.hasSize(2);
	}

	@Test
	void entryNeverOutlivesTheLongestTimeToLive() {
		ValidatedTokenCache cache = cache(10, Duration.ofMinutes(1));
		cache.decode("valid-a");

		this.clock.set(START.plusSeconds(59));
		cache.decode("valid-a");
		this.clock.set(START.plusSeconds(60));
		cache.decode("valid-a");

		assertThat(this.verified).hasSize(2);
	}

	@Test
	void tokenAlreadyExpiredIsNotCached() {
		ValidatedTokenCache cache = cache(10, Duration.ofHours(1));
		this.clock.set(START.plus(LIFETIME).plusSeconds(10));

		cache.decode("valid-within-clock-skew");

		assertThat(cache.size()).isZero();
	}

	@Test
	void holdsNoMoreThanItsLimit() {
		ValidatedTokenCache cache = cache(3, Duration.ofMinutes(10));

		for (int i = 0; i < 1000; i++) {
			cache.decode("valid-" + i);
		}

		assertThat(cache.size()).isEqualTo(3);
	}

	@Test
	void dropsExpiredEntries() {
		ValidatedTokenCache cache = cache(10, Duration.ofMinutes(1));
		cache.decode("valid-a");
		cache.decode("valid-b");

		this.clock.set(START.plusSeconds(61));

		assertThat(cache.size()).isZero();
	}

	private ValidatedTokenCache cache(int maxEntries, Duration maxTtl) {
		return new ValidatedTokenCache(this.decoder, maxEntries, maxTtl, this.clock, this.meters);
	}

}
