package dev.bulwark.order;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A page cursor that this service did not issue to this caller for this listing.
 */
public class InvalidCursorException extends ErrorResponseException {

	public InvalidCursorException() {
		super(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The cursor is invalid."),
				null);
	}

}
