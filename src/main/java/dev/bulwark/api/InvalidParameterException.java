package dev.bulwark.api;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import dev.bulwark.web.InvalidRequest;

/**
 * A query parameter that cannot be parsed; reported like a validation error, with the parameter as the field.
 */
class InvalidParameterException extends ErrorResponseException {

	InvalidParameterException(String parameter, String message) {
		super(HttpStatus.BAD_REQUEST, InvalidRequest.problem(parameter, message), null);
	}

}
