package dev.bulwark.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one shape of a 400 for invalid input: a fixed detail and the broken rules under {@code errors}, however
 * the input was found wanting (Bean Validation, JSON parsing, a parameter, a business rule).
 */
public final class InvalidRequest {

	static final String DETAIL = "The request is invalid.";

	private InvalidRequest() {
	}

	public static ProblemDetail problem(List<FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, DETAIL);
		problem.setProperty("errors", errors);
		return problem;
	}

	public static ProblemDetail problem(String field, String message) {
		return problem(List.of(new FieldError(field, message)));
	}

	/**
	 * One broken rule: which field, and what is wrong with it.
	 */
	public record FieldError(String field, String message) {
	}

}
