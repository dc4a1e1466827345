package dev.bulwark.order;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The order is not in a state that allows the change, or somebody else changed it first.
 */
public class OrderConflictException extends ErrorResponseException {

	public OrderConflictException(String detail) {
		super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail), null);
	}

	static OrderConflictException illegalTransition(OrderStatus from, OrderStatus to) {
		return new OrderConflictException("An order that is " + from + " cannot become " + to + ".");
	}

	public static OrderConflictException concurrentModification() {
		return new OrderConflictException("The order was changed by another request; read it again and retry.");
	}

}
