package dev.bulwark.web;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A service the API depends on cannot answer now (down, too slow, throttling us, or already busy with as many of
 * our calls as we allow): the request may succeed later, so the client gets a 503 problem with
 * {@code Retry-After}, never a 500, wherever this is thrown. Which dependency it was is for the log and the
 * metrics, not the client.
 */
public class DependencyUnavailableException extends RuntimeException {

	private final String dependency;

	private final Duration retryAfter;

	public DependencyUnavailableException(String dependency, String reason, Duration retryAfter,
			@Nullable Throwable cause) {
		super(dependency + " unavailable: " + reason, cause);
		this.dependency = dependency;
		this.retryAfter = retryAfter;
	}

	public String dependency() {
		return this.dependency;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
