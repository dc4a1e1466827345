package dev.bulwark.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The repository port in memory, keeping the promises the DynamoDB adapter keeps: an insert never overwrites an
 * order; the first stored version is 1 and every update must carry the version that was read, or it fails with
 * {@link OrderConflictException}; an idempotency key is scoped to its caller and, once used, answers what it was
 * used for without writing anything; a page cursor continues only the listing that issued it. Not thread-safe:
 * it serves single-threaded unit tests.
 */
class InMemoryOrderRepository implements OrderRepository {

	private static final String ALL_ORDERS = "all";

	private final Map<String, Order> orders = new LinkedHashMap<>();

	private final Map<ScopedKey, IdempotentInsert.AlreadyUsed> idempotencyKeys = new HashMap<>();

	@Override
	public void insert(Order order) {
		if (this.orders.containsKey(order.id())) {
			throw new IllegalStateException("An order with id " + order.id() + " is already stored");
		}
		this.orders.put(order.id(), withVersion(order, 1));
	}

	@Override
	public IdempotentInsert insert(Order order, IdempotencyKey key) {
		ScopedKey scoped = new ScopedKey(key.callerId(), key.key());
		IdempotentInsert.AlreadyUsed used = this.idempotencyKeys.get(scoped);
		if (used != null) {
			return used;
		}
		insert(order);
		this.idempotencyKeys.put(scoped, new IdempotentInsert.AlreadyUsed(order.id(), key.requestFingerprint()));
		return new IdempotentInsert.Inserted(order);
	}

	@Override
	public Optional<Order> findById(String id) {
		return Optional.ofNullable(this.orders.get(id));
	}

	@Override
	public Order update(Order order) {
		Order stored = this.orders.get(order.id());
		if (stored == null || stored.version() != order.version()) {
			throw OrderConflictException.concurrentModification();
		}
		Order updated = withVersion(order, stored.version() + 1);
		this.orders.put(order.id(), updated);
		return updated;
	}

	@Override
	public boolean delete(String id) {
		return this.orders.remove(id) != null;
	}

	@Override
	public OrderPage findByCustomer(String customerId, int limit, @Nullable String cursor) {
		List<Order> owned = this.orders.values()
			.stream()
			.filter(order -> order.isOwnedBy(customerId))
			.sorted(Comparator.comparing(Order::createdAt).reversed())
			.toList();
		return page(owned, "customer:" + customerId, limit, cursor);
	}

	@Override
	public OrderPage findAll(int limit, @Nullable String cursor) {
		return page(new ArrayList<>(this.orders.values()), ALL_ORDERS, limit, cursor);
	}

	@Override
	public List<Order> findPendingPlacedBefore(Instant cutoff, int limit) {
		return this.orders.values()
			.stream()
			.filter(order -> order.status() == OrderStatus.PENDING && order.createdAt().isBefore(cutoff))
			.sorted(Comparator.comparing(Order::createdAt))
			.limit(limit)
			.toList();
	}

	private static OrderPage page(List<Order> listed, String listing, int limit, @Nullable String cursor) {
		int from = start(cursor, listing, listed.size());
		int to = Math.min(from + limit, listed.size());
		return new OrderPage(listed.subList(from, to), (to < listed.size()) ? listing + "@" + to : null);
	}

	private static int start(@Nullable String cursor, String listing, int size) {
		if (cursor == null) {
			return 0;
		}
		String prefix = listing + "@";
		if (!cursor.startsWith(prefix)) {
			throw new InvalidCursorException();
		}
		try {
			int start = Integer.parseInt(cursor.substring(prefix.length()));
			if (start < 0) {
				throw new InvalidCursorException();
			}
			return Math.min(start, size);
		}
		catch (NumberFormatException ex) {
			throw new InvalidCursorException();
		}
	}

	private static Order withVersion(Order order, long version) {
		return new Order(order.id(), order.customerId(), order.status(), order.items(), order.total(),
				order.currency(), order.shippingAddress(), order.note(), order.createdAt(), order.updatedAt(), version);
	}

	private record ScopedKey(String callerId, String key) {
	}

}
