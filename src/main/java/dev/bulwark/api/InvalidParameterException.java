package dev.bulwark.api;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A query parameter that cannot be parsed; reported like a validation error, with the parameter as the field.
 */
class InvalidParameterException extends ErrorResponseException {

	InvalidParameterException(String parameter, String message) {
		super(HttpStatus.BAD_REQUEST, problem(parameter, message), null);
	}

	private static ProblemDetail problem(String parameter, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request is invalid.");
		problem.setProperty("errors", List.of(Map.of("field", parameter, "message", message)));
		return problem;
	}

}
