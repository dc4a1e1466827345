package dev.bulwark.order;

/**
 * The order is not in a state that allows the change, or somebody else changed it first. The message says which,
 * and is written for the client.
 */
public class OrderConflictException extends RuntimeException {

	OrderConflictException(String message) {
		super(message);
	}

	static OrderConflictException illegalTransition(OrderStatus from, OrderStatus to) {
		return new OrderConflictException("An order that is " + from + " cannot become " + to + ".");
	}

	public static OrderConflictException concurrentModification() {
		return new OrderConflictException("The order was changed by another request; read it again and retry.");
	}

}
