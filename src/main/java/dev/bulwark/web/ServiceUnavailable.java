package dev.bulwark.web;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The answer to a request that failed because a dependency is unavailable ({@link DependencyUnavailableException}),
 * the same from Spring MVC and from the filters: a 503 problem that names no dependency, and when to try again.
 */
final class ServiceUnavailable {

	static final String DETAIL = "The service is temporarily unavailable. Try again later.";

	private ServiceUnavailable() {
	}

	static ProblemDetail problem() {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DETAIL);
	}

	/**
	 * Whole seconds, rounded up and at least one: {@code Retry-After: 0} would invite an immediate retry.
	 */
	static String retryAfter(DependencyUnavailableException ex) {
		Duration wait = ex.retryAfter();
		long seconds = wait.toSeconds() + ((wait.toNanosPart() > 0) ? 1 : 0);
		return Long.toString(Math.max(1, seconds));
	}

}
