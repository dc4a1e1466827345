package dev.bulwark.support;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Asks again until the API answers 200, for a service that must come back on its own once a dependency does.
 */
public final class Eventually {

	private Eventually() {
	}

	/**
	 * The first 200 to {@code request} within {@code within}, or the last answer when none came; assert on its status.
	 */
	public static ApiResponse ok(Duration within, Supplier<ApiResponse> request) {
		long deadline = System.nanoTime() + within.toNanos();
		ApiResponse response = request.get();
		while (response.status() != 200 && System.nanoTime() < deadline) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return response;
			}
			response = request.get();
		}
		return response;
	}

}
