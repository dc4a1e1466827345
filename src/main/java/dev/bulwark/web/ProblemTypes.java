package dev.bulwark.web;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ProblemDetail;

/**
 * The type of the problem a response carried, kept on its request for whoever reports on the request (the audit
 * line), whichever of the problem writers wrote it: {@link ProblemResponses} for filters, {@link ProblemTypeAdvice}
 * for Spring MVC.
 */
public final class ProblemTypes {

	private static final String ATTRIBUTE = ProblemTypes.class.getName();

	/** What a problem without a type is (RFC 9457, section 4.2.1); Spring leaves the type out then. */
	private static final URI ABOUT_BLANK = URI.create("about:blank");

	private ProblemTypes() {
	}

	public static Optional<URI> of(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof URI type) ? Optional.of(type) : Optional.empty();
	}

	static void record(HttpServletRequest request, ProblemDetail problem) {
		request.setAttribute(ATTRIBUTE, Objects.requireNonNullElse(problem.getType(), ABOUT_BLANK));
	}

}
