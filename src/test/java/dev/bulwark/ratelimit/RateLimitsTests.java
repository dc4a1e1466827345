package dev.bulwark.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.bulwark.ratelimit.RateLimitProperties.Limit;
import dev.bulwark.support.Concurrently;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limiter on a clock the test moves, so windows turn exactly when the test says.
 */
class RateLimitsTests {

	private static final Limit THREE_PER_TEN_SECONDS = new Limit(3, Duration.ofSeconds(10));

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final RateLimits limits = new RateLimits(1_000, Duration.ofMinutes(10), this.nanos::get);

	@Test
	void refusesTheRequestAfterTheLimitInAWindow() {
		List<Decision> decisions = List.of(acquire("alice"), acquire("alice"), acquire("alice"), acquire("alice"));

		assertThat(decisions).extracting(Decision::allowed).containsExactly(true, true, true, false);
		assertThat(decisions).extracting(Decision::remaining).containsExactly(2, 1, 0, 0);
		assertThat(decisions.get(3).secondsToReset()).isEqualTo(10);
	}

	@Test
	void windowRefills() {
		acquire("alice");
		acquire("alice");
		acquire("alice");
		this.nanos.addAndGet(Duration.ofSeconds(7).toNanos());

		assertThat(acquire("alice").allowed()).isFalse();
		assertThat(acquire("alice").secondsToReset()).isEqualTo(3);

		this.nanos.addAndGet(Duration.ofSeconds(3).toNanos());
		assertThat(acquire("alice").allowed()).isTrue();
	}

	@Test
	void clientsHaveTheirOwnAllowance() {
		acquire("alice");
		acquire("alice");
		acquire("alice");

		assertThat(acquire("bob").allowed()).isTrue();
	}

	@Test
	void peekingSpendsNothing() {
		for (int i = 0; i < 10; i++) {
			assertThat(this.limits.peek("alice", "default", THREE_PER_TEN_SECONDS).allowed()).isTrue();
		}

		assertThat(acquire("alice").remaining()).isEqualTo(2);
	}

	@Test
	void aMillionClientsCostAtMostTheConfiguredNumberOfLimiters() {
		for (int i = 0; i < 1_000_000; i++) {
			acquire("client-" + i);
		}

		assertThat(this.limits.trackedBuckets()).isLessThanOrEqualTo(1_000);
	}

	@Test
	void idleClientsAreForgotten() {
		acquire("alice");
		this.nanos.addAndGet(Duration.ofMinutes(11).toNanos());

		assertThat(this.limits.trackedBuckets()).isZero();
	}

	@Test
	void fiftyConcurrentRequestsNeverGetMoreThanTheLimitThrough() throws Exception {
		Limit twenty = new Limit(20, Duration.ofMinutes(1));

		List<Decision> decisions = Concurrently.run(50, () -> this.limits.acquire("alice", "default", twenty));

		assertThat(decisions).filteredOn(Decision::allowed).hasSize(20);
	}

	private Decision acquire(String client) {
		return this.limits.acquire(client, "default", THREE_PER_TEN_SECONDS);
	}

}
