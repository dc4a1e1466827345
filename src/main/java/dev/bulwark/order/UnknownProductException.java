package dev.bulwark.order;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An order names a SKU that is not in the catalog. Reported like a validation error, with the offending field.
 */
class UnknownProductException extends ErrorResponseException {

	UnknownProductException(String field) {
		super(HttpStatus.BAD_REQUEST, problem(field), null);
	}

	private static ProblemDetail problem(String field) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is invalid.");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", "unknown product")));
		return problem;
	}

}
