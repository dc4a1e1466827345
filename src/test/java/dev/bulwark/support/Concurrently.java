package dev.bulwark.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the same call on many threads released at the same instant, to provoke races.
 */
public final class Concurrently {

	private Concurrently() {
	}

	public static <T> List<T> run(int threads, Callable<T> call) throws InterruptedException, ExecutionException {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("A concurrent call did not finish within a minute", ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
