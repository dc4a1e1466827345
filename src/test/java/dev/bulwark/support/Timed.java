package dev.bulwark.support;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A response and how long the API took to give it.
 */
public record Timed(ApiResponse response, Duration took) {

	public static Timed of(Supplier<ApiResponse> request) {
		long start = System.nanoTime();
		ApiResponse response = request.get();
		return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
	}

}
