package dev.bulwark.order;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The order does not exist, or the caller may not see it: both answer 404 so that ids cannot be probed.
 */
class OrderNotFoundException extends ErrorResponseException {

	OrderNotFoundException() {
		super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such order."), null);
	}

}
