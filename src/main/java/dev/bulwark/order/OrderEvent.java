package dev.bulwark.order;

/**
 * What happened to an order, published by {@link OrderService} once the write has succeeded, for whoever keeps
 * the record (the audit trail). Who did it is the {@code actor}: a caller's subject, or a system principal's name.
 * Nothing personal is in an event: no address, no name, no note.
 */
public sealed interface OrderEvent {

	String orderId();

	String actor();

	/**
	 * A customer placed the order; {@code replayed} when the request repeated an {@code Idempotency-Key} and got
	 * the order placed the first time, without anything new being written.
	 */
	record Placed(String orderId, String actor, boolean replayed) implements OrderEvent {
	}

	record Cancelled(String orderId, String actor, OrderStatus from) implements OrderEvent {
	}

	record StatusChanged(String orderId, String actor, OrderStatus from, OrderStatus to) implements OrderEvent {
	}

	record Deleted(String orderId, String actor) implements OrderEvent {
	}

	/**
	 * The scheduled job cancelled an order that had been pending too long.
	 */
	record Expired(String orderId, String actor) implements OrderEvent {
	}

}
