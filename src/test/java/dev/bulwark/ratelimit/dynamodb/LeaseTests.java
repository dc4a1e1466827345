package dev.bulwark.ratelimit.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;

import org.junit.jupiter.api.Test;

import dev.bulwark.ratelimit.RateLimitProperties.Limit;
import dev.bulwark.ratelimit.dynamodb.FleetQuotaConfiguration.FleetQuotaProperties;
import dev.bulwark.ratelimit.dynamodb.FleetQuotaConfiguration.OnOutage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The arithmetic of leases, on a counter in memory standing in for the fleet's: which permits of a batch count,
 * how large a batch is, and when a lease writes.
 */
class LeaseTests {

	private final AtomicLong fleetCounter = new AtomicLong();

	private final List<Integer> batchesLeased = new ArrayList<>();

	private final IntToLongFunction counter = batch -> {
		this.batchesLeased.add(batch);
		return this.fleetCounter.addAndGet(batch);
	};

	@Test
	void aBatchWithinTheLimitIsGrantedWhole() {
		assertThat(Lease.granted(10, 4, 4)).isEqualTo(4);
		assertThat(Lease.granted(10, 4, 8)).isEqualTo(4);
	}

	@Test
	void aBatchAcrossTheLimitIsGrantedUpToTheLimit() {
		assertThat(Lease.granted(10, 4, 12)).isEqualTo(2);
		assertThat(Lease.granted(10, 4, 10)).isEqualTo(4);
	}

	@Test
	void aBatchBeyondTheLimitIsGrantedNothing() {
		assertThat(Lease.granted(10, 4, 14)).isZero();
		assertThat(Lease.granted(10, 4, 1_000)).isZero();
	}

	@Test
	void aBatchIsAShareOfTheLimitAtLeastOneAndAtMostTheMaximum() {
		FleetQuotaProperties properties = new FleetQuotaProperties("counters", 100, 1000, OnOutage.ALLOW);

		assertThat(properties.batch(perMinute(10))).isEqualTo(1);
		assertThat(properties.batch(perMinute(199))).isEqualTo(1);
		assertThat(properties.batch(perMinute(1000))).isEqualTo(10);
		assertThat(properties.batch(perMinute(1_000_000))).isEqualTo(1000);
	}

	@Test
	void aLeaseWritesOncePerBatchAndOnlyWhenEmpty() {
		Lease lease = new Lease(10, 4, Long.MAX_VALUE);

		List<Boolean> allowed = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			allowed.add(lease.acquire(this.counter));
		}

		assertThat(allowed).containsOnly(true);
		assertThat(this.batchesLeased).containsExactly(4, 4);
	}

	@Test
	void aLeaseGrantsOnlyWhatTheFleetHasLeftAndThenRefusesWithoutWriting() {
		Lease lease = new Lease(10, 4, Long.MAX_VALUE);
		this.fleetCounter.set(7);

		List<Boolean> allowed = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			allowed.add(lease.acquire(this.counter));
		}

		assertThat(allowed).containsExactly(true, true, true, false, false, false);
		assertThat(this.batchesLeased).containsExactly(4);
	}

	@Test
	void remainingIsTheLeasesUnusedPermitsAndWhatTheFleetHadLeft() {
		Lease lease = new Lease(10, 4, Long.MAX_VALUE);
		assertThat(lease.remaining()).isEqualTo(10);

		lease.acquire(this.counter);
		assertThat(lease.remaining()).isEqualTo(3 + 6);

		this.fleetCounter.addAndGet(4);
		lease.acquire(this.counter);
		lease.acquire(this.counter);
		lease.acquire(this.counter);
		lease.acquire(this.counter);
		assertThat(lease.remaining()).as("another instance leased 4 meanwhile").isEqualTo(1 + 0);
	}

	private static Limit perMinute(int limit) {
		return new Limit(limit, Duration.ofMinutes(1));
	}

}
