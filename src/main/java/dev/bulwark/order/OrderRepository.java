package dev.bulwark.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Where orders are kept. Every write is conditional: {@link #update} fails with
 * {@link OrderConflictException} when the stored version is not the one that was read.
 */
public interface OrderRepository {

	void insert(Order order);

	/**
	 * Inserts the order and remembers it under the caller's idempotency key, atomically; or, when the key was
	 * used before, answers what it was used for. Nothing is written in that case.
	 */
	IdempotentInsert insert(Order order, IdempotencyKey key);

	Optional<Order> findById(String id);

	/**
	 * @return the order as stored, with its new version
	 */
	Order update(Order order);

	/**
	 * @return whether the order was there (it is not any more)
	 */
	boolean delete(String id);

	/**
	 * One page of the given customer's orders, newest first. The cursor only works for the same customer.
	 */
	OrderPage findByCustomer(String customerId, int limit, @Nullable String cursor);

	/**
	 * One page of all orders. The cursor only works for this listing.
	 */
	OrderPage findAll(int limit, @Nullable String cursor);

	/**
	 * Up to {@code limit} orders that are still {@code PENDING} and were placed before {@code cutoff}, oldest
	 * first, read in one pass (so an order changed meanwhile is not read again).
	 */
	List<Order> findPendingPlacedBefore(Instant cutoff, int limit);

	/**
	 * An idempotency key as a caller sent it, scoped to that caller, with a fingerprint of the request body.
	 */
	record IdempotencyKey(String callerId, String key, String requestFingerprint) {
	}

	sealed interface IdempotentInsert {

		record Inserted(Order order) implements IdempotentInsert {
		}

		record AlreadyUsed(String orderId, String requestFingerprint) implements IdempotentInsert {
		}

	}

}
