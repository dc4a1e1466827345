package dev.bulwark.order.dynamodb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import dev.bulwark.order.Order;
import dev.bulwark.order.OrderConflictException;
import dev.bulwark.order.OrderPage;
import dev.bulwark.order.OrderRepository;
import dev.bulwark.order.OrderStatus;

/**
 * Orders in DynamoDB. Updates carry the version that was read (the enhanced client's
 * {@code VersionedRecordExtension} turns it into a condition), so of two concurrent writers exactly one wins.
 * <p>
 * Every write is applied at most once, also when the SDK retries it after an attempt whose answer was lost (a
 * timeout, a reset connection): each stored version carries the id of the write that stored it, so a retry that
 * finds its condition broken can tell its own earlier attempt from another writer; an order and its idempotency
 * key are written in one transaction, which DynamoDB applies once per client request token.
 */
class DynamoDbOrderRepository implements OrderRepository {

	private static final Expression ORDER_IS_NEW = Expression.builder().expression("attribute_not_exists(id)").build();

	private static final Set<String> KEY_IN_USE = Set.of("ConditionalCheckFailed", "TransactionConflict");

	private static final String ALL_ORDERS = "all";

	private static final int EXPIRY_PAGE_SIZE = 100;

	private final DynamoDbEnhancedClient dynamoDb;

	private final DynamoDbTable<OrderItem> orders;

	private final DynamoDbTable<IdempotencyItem> idempotencyKeys;

	private final PageCursors cursors;

	private final Duration idempotencyTtl;

	private final Clock clock;

	DynamoDbOrderRepository(DynamoDbEnhancedClient dynamoDb, DynamoDbTable<OrderItem> orders,
			DynamoDbTable<IdempotencyItem> idempotencyKeys, PageCursors cursors, Duration idempotencyTtl, Clock clock) {
		this.dynamoDb = dynamoDb;
		this.orders = orders;
		this.idempotencyKeys = idempotencyKeys;
		this.cursors = cursors;
		this.idempotencyTtl = idempotencyTtl;
		this.clock = clock;
	}

	@Override
	public void insert(Order order) {
		OrderItem item = written(order);
		try {
			this.orders.putItem(
					PutItemEnhancedRequest.builder(OrderItem.class).item(item).conditionExpression(ORDER_IS_NEW).build());
		}
		catch (ConditionalCheckFailedException ex) {
			// The id is new, so an order that holds it can only be this one, stored by an attempt whose answer was
			// lost and retried by the SDK.
			storedBy(item).orElseThrow(() -> ex);
		}
	}

	@Override
	public IdempotentInsert insert(Order order, IdempotencyKey key) {
		long now = this.clock.instant().getEpochSecond();
		IdempotencyItem remembered = new IdempotencyItem();
		remembered.setScopedKey(scopedKey(key));
		remembered.setOrderId(order.id());
		remembered.setRequestFingerprint(key.requestFingerprint());
		remembered.setExpiresAt(now + this.idempotencyTtl.toSeconds());
		// DynamoDB deletes expired items only eventually, so an expired key counts as unused.
		Expression keyIsUnused = Expression.builder()
			.expression("attribute_not_exists(scopedKey) OR expiresAt < :now")
			.putExpressionValue(":now", AttributeValue.fromN(Long.toString(now)))
			.build();
		try {
			this.dynamoDb.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
				// No client request token is set: the SDK gives each call one and keeps it across its retries, and
				// DynamoDB applies a transaction once per token, so a retry after a lost answer finds it done.
				.addPutItem(this.orders,
						TransactPutItemEnhancedRequest.builder(OrderItem.class)
							.item(written(order))
							.conditionExpression(ORDER_IS_NEW)
							.build())
				.addPutItem(this.idempotencyKeys,
						TransactPutItemEnhancedRequest.builder(IdempotencyItem.class)
							.item(remembered)
							.conditionExpression(keyIsUnused)
							.build())
				.build());
			return new IdempotentInsert.Inserted(order);
		}
		catch (TransactionCanceledException ex) {
			if (!idempotencyKeyInUse(ex)) {
				throw ex;
			}
			IdempotencyItem used = this.idempotencyKeys.getItem(GetItemEnhancedRequest.builder()
				.key(Key.builder().partitionValue(remembered.getScopedKey()).build())
				.consistentRead(true)
				.build());
			if (used == null) {
				// The request holding the key has not committed yet; the client's retry will see its outcome.
				throw OrderConflictException.concurrentModification();
			}
			return new IdempotentInsert.AlreadyUsed(used.getOrderId(), used.getRequestFingerprint());
		}
	}

	@Override
	public Optional<Order> findById(String id) {
		OrderItem item = this.orders.getItem(
				GetItemEnhancedRequest.builder().key(Key.builder().partitionValue(id).build()).consistentRead(true).build());
		return Optional.ofNullable(item).map(OrderItems::toOrder);
	}

	@Override
	public Order update(Order order) {
		OrderItem item = written(order);
		try {
			return OrderItems.toOrder(this.orders.updateItem(item));
		}
		catch (ConditionalCheckFailedException ex) {
			// Another writer got there first, or this write did: the SDK retries an attempt whose answer was lost,
			// and the retry then finds the version it expected already replaced, by itself. Applied once either way.
			return storedBy(item).map(OrderItems::toOrder).orElseThrow(OrderConflictException::concurrentModification);
		}
	}

	/**
	 * Looks first, then deletes unconditionally: a conditional delete retried by the SDK after an attempt whose
	 * answer was lost would find the order gone, by its own hand, and report it missing. Two admins deleting the
	 * same order at once are both told it is deleted, which it is.
	 */
	@Override
	public boolean delete(String id) {
		Key key = Key.builder().partitionValue(id).build();
		if (this.orders.getItem(GetItemEnhancedRequest.builder().key(key).consistentRead(true).build()) == null) {
			return false;
		}
		this.orders.deleteItem(DeleteItemEnhancedRequest.builder().key(key).build());
		return true;
	}

	@Override
	public OrderPage findByCustomer(String customerId, int limit, @Nullable String cursor) {
		String listing = "customer:" + customerId;
		SdkIterable<Page<OrderItem>> pages = this.orders.index(OrderItem.BY_CUSTOMER)
			.query(QueryEnhancedRequest.builder()
				.queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(customerId).build()))
				.scanIndexForward(false)
				.limit(limit)
				.exclusiveStartKey(this.cursors.open(cursor, listing))
				.build());
		return toPage(pages.iterator().next(), listing);
	}

	@Override
	public OrderPage findAll(int limit, @Nullable String cursor) {
		Page<OrderItem> page = this.orders
			.scan(ScanEnhancedRequest.builder().limit(limit).exclusiveStartKey(this.cursors.open(cursor, ALL_ORDERS)).build())
			.iterator()
			.next();
		return toPage(page, ALL_ORDERS);
	}

	@Override
	public List<Order> findPendingPlacedBefore(Instant cutoff, int limit) {
		Key before = Key.builder()
			.partitionValue(OrderStatus.PENDING.name())
			.sortValue(SortableInstantConverter.format(cutoff))
			.build();
		return this.orders.index(OrderItem.BY_STATUS)
			.query(QueryEnhancedRequest.builder()
				.queryConditional(QueryConditional.sortLessThan(before))
				.limit(Math.min(limit, EXPIRY_PAGE_SIZE))
				.build())
			.stream()
			.flatMap(page -> page.items().stream())
			.limit(limit)
			.map(OrderItems::toOrder)
			.toList();
	}

	/**
	 * The item to write for an order, marked with a new write id.
	 */
	private static OrderItem written(Order order) {
		OrderItem item = OrderItems.toItem(order);
		item.setWriteId(UUID.randomUUID().toString());
		return item;
	}

	/**
	 * The stored order, if its current version is the one this write stored.
	 */
	private Optional<OrderItem> storedBy(OrderItem written) {
		OrderItem stored = this.orders.getItem(GetItemEnhancedRequest.builder()
			.key(Key.builder().partitionValue(written.getId()).build())
			.consistentRead(true)
			.build());
		return Optional.ofNullable(stored).filter(item -> Objects.equals(item.getWriteId(), written.getWriteId()));
	}

	private OrderPage toPage(Page<OrderItem> page, String listing) {
		List<Order> items = page.items().stream().map(OrderItems::toOrder).toList();
		Map<String, AttributeValue> last = page.lastEvaluatedKey();
		return new OrderPage(items, (last != null) ? this.cursors.seal(last, listing) : null);
	}

	/**
	 * The caller's id, length first, then the key: no two callers can produce the same scoped key, whatever
	 * characters their ids and keys contain.
	 */
	private static String scopedKey(IdempotencyKey key) {
		return key.callerId().length() + ":" + key.callerId() + "#" + key.key();
	}

	/**
	 * Whether the transaction failed because the key is taken: by a finished request (the condition failed) or
	 * by one still in flight (a concurrent transaction on the same item).
	 */
	private static boolean idempotencyKeyInUse(TransactionCanceledException ex) {
		List<CancellationReason> reasons = ex.cancellationReasons();
		return reasons.size() == 2 && KEY_IN_USE.contains(reasons.get(1).code());
	}

}
