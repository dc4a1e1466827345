package dev.bulwark.ratelimit;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import dev.bulwark.ratelimit.RateLimitProperties.Limit;

/**
 * One client's allowance under one policy: a Resilience4j rate limiter that never waits (a request either gets a
 * permit now or is refused), and enough about its windows to tell the client when the next one starts.
 */
final class Bucket {

	private final String policy;

	private final Limit limit;

	private final RateLimiter limiter;

	private final Supplier<Long> nanoTime;

	private final long start;

	Bucket(String policy, Limit limit, Supplier<Long> nanoTime) {
		this.policy = policy;
		this.limit = limit;
		this.nanoTime = nanoTime;
		this.start = nanoTime.get();
		this.limiter = RateLimiter.of(policy, RateLimiterConfig.custom()
			.limitForPeriod(limit.limit())
			.limitRefreshPeriod(limit.period())
			.timeoutDuration(Duration.ZERO)
			.build(), nanoTime);
	}

	Decision acquire() {
		boolean allowed = this.limiter.acquirePermission();
		return decision(allowed);
	}

	/**
	 * Whether the allowance is used up, without using any of it.
	 */
	Decision peek() {
		return decision(this.limiter.getMetrics().getAvailablePermissions() > 0);
	}

	private Decision decision(boolean allowed) {
		long period = this.limit.period().toNanos();
		long intoWindow = Math.floorMod(this.nanoTime.get() - this.start, period);
		long secondsToReset = Math.max(1, ceilSeconds(period - intoWindow));
		int remaining = Math.max(0, this.limiter.getMetrics().getAvailablePermissions());
		return new Decision(allowed, this.policy, this.limit, remaining, secondsToReset);
	}

	private static long ceilSeconds(long nanos) {
		return (nanos + 999_999_999L) / 1_000_000_000L;
	}

}
