package dev.bulwark.order;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import dev.bulwark.web.InvalidRequest;

/**
 * An order names a SKU that is not in the catalog. Reported like a validation error, with the offending field.
 */
class UnknownProductException extends ErrorResponseException {

	UnknownProductException(String field) {
		super(HttpStatus.BAD_REQUEST, InvalidRequest.problem(field, "unknown product"), null);
	}

}
