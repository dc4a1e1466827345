package dev.bulwark.ratelimit;

import java.time.Duration;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.bulwark.ratelimit.RateLimitProperties.Limit;

/**
 * The buckets of the clients seen lately, one per client and policy, in a cache bounded in size and idle time: a
 * million distinct clients cost at most {@code maxTrackedClients} buckets. A client whose bucket was dropped
 * starts with a full one, which errs on the client's side and only after it has been idle or crowded out.
 */
class RateLimits {

	private final Cache<String, Bucket> buckets;

	private final Supplier<Long> nanoTime;

	RateLimits(int maxTrackedClients, Duration idleTimeout, Supplier<Long> nanoTime) {
		this.nanoTime = nanoTime;
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxTrackedClients)
			.expireAfterAccess(idleTimeout)
			.ticker(nanoTime::get)
			.executor(Runnable::run)
			.build();
	}

	Decision acquire(String client, String policy, Limit limit) {
		return bucket(client, policy, limit).acquire();
	}

	Decision peek(String client, String policy, Limit limit) {
		return bucket(client, policy, limit).peek();
	}

	long trackedBuckets() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

	private Bucket bucket(String client, String policy, Limit limit) {
		return this.buckets.get(policy + "\n" + client, key -> new Bucket(policy, limit, this.nanoTime));
	}

}
