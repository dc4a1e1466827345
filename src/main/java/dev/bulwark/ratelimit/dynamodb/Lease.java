package dev.bulwark.ratelimit.dynamodb;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntToLongFunction;

/**
 * This instance's share of one client's allowance under one policy in one fleet window: permits leased from the
 * fleet's counter a batch at a time, and handed to requests one by one.
 * <p>
 * The fleet's counter numbers the permits: a lease of {@code batch} that brings the counter to {@code counted}
 * holds the numbers {@code counted - batch + 1} to {@code counted}, and only those up to the limit are granted
 * ({@link #granted}). The counter goes up atomically, so no two leases anywhere in the fleet hold the same number,
 * and the fleet never lets more than the limit through in a window, whatever the instances, threads and batches.
 * <p>
 * Many request threads share a lease. Taking a permit is a compare-and-set, without a lock. Only a thread that
 * finds the lease empty leases the next batch, under this lease's own lock, so a burst on an empty lease costs one
 * write rather than one per waiting thread; the others wait for it, as every request used to wait for a write of
 * its own. The lock belongs to one client, policy and window: no other client ever waits for it. Once the fleet's
 * counter has reached the limit, nothing more is leased for the window, and a request this lease cannot serve is
 * refused without a write.
 */
final class Lease {

	private final int limit;

	private final int batch;

	private final long windowEnd;

	private final AtomicInteger unused = new AtomicInteger();

	private final ReentrantLock leasing = new ReentrantLock();

	/**
	 * The fleet's counter after this instance's last lease. Set after the permits of that lease were added, so a
	 * thread that sees the limit reached here and then finds no permit knows the lease is empty for good.
	 */
	private volatile long counted;

	Lease(int limit, int batch, long windowEnd) {
		this.limit = limit;
		this.batch = batch;
		this.windowEnd = windowEnd;
	}

	/**
	 * A permit for one request, leasing the next batch when this lease is empty.
	 * @param leaseBatch adds a batch to the fleet's counter and returns the counter after it
	 * @return whether the request may go on; {@code false} once the fleet's permits for the window are all given
	 * out and this lease holds none of them
	 */
	boolean acquire(IntToLongFunction leaseBatch) {
		if (take()) {
			return true;
		}
		if (fleetExhausted()) {
			// The lease that reached the limit may have added its permits after the first look: one more.
			return take();
		}
		this.leasing.lock();
		try {
			// Whoever held the lock before may have leased a batch while this thread waited.
			if (take()) {
				return true;
			}
			if (fleetExhausted()) {
				return false;
			}
			long countedNow = leaseBatch.applyAsLong(this.batch);
			int granted = granted(this.limit, this.batch, countedNow);
			if (granted > 0) {
				// One of them is this request's.
				this.unused.addAndGet(granted - 1);
			}
			this.counted = countedNow;
			return granted > 0;
		}
		finally {
			this.leasing.unlock();
		}
	}

	/**
	 * What this instance knows is left: its own unused permits and what the fleet's counter had left at its last
	 * lease. Exact for a single instance; other instances may have leased some of the counter's rest since, and
	 * their unused permits are not counted.
	 */
	int remaining() {
		long unleased = Math.max(0, this.limit - this.counted);
		return (int) Math.min(this.limit, this.unused.get() + unleased);
	}

	long windowEnd() {
		return this.windowEnd;
	}

	/**
	 * How many of a batch that brought the fleet's counter to {@code counted} are within the limit.
	 */
	static int granted(int limit, int batch, long counted) {
		long beforeThisBatch = counted - batch;
		return (int) Math.max(0, Math.min(batch, limit - beforeThisBatch));
	}

	private boolean take() {
		int left = this.unused.get();
		while (left > 0) {
			int seen = this.unused.compareAndExchange(left, left - 1);
			if (seen == left) {
				return true;
			}
			left = seen;
		}
		return false;
	}

	private boolean fleetExhausted() {
		return this.counted >= this.limit;
	}

}
