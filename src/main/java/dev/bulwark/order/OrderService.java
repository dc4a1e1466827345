package dev.bulwark.order;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.validation.annotation.Validated;
import tools.jackson.databind.json.JsonMapper;

import dev.bulwark.order.OrderRepository.IdempotencyKey;
import dev.bulwark.order.OrderRepository.IdempotentInsert;
import dev.bulwark.security.Caller;
import dev.bulwark.security.Callers;
import dev.bulwark.security.StepUpPolicy;
import dev.bulwark.security.CanCancelOrders;
import dev.bulwark.security.CanReadOrders;
import dev.bulwark.security.IsAdmin;
import dev.bulwark.security.IsCustomer;
import dev.bulwark.security.IsFulfillment;
import dev.bulwark.security.IsOrderExpiry;
import dev.bulwark.security.Roles;

/**
 * The order rules. Role checks sit on each method (method security), ownership checks inside: a caller who may
 * not see an order gets the same {@link OrderNotFoundException} as for an order that does not exist.
 */
@Service
@Validated
public class OrderService {

	private final OrderRepository orders;

	private final Catalog catalog;

	private final Callers callers;

	private final StepUpPolicy stepUp;

	private final JsonMapper jsonMapper;

	private final OrderExpiryProperties expiry;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	OrderService(OrderRepository orders, Catalog catalog, Callers callers, StepUpPolicy stepUp, JsonMapper jsonMapper,
			OrderExpiryProperties expiry, Clock clock, ApplicationEventPublisher events) {
		this.orders = orders;
		this.stepUp = stepUp;
		this.catalog = catalog;
		this.callers = callers;
		this.jsonMapper = jsonMapper;
		this.expiry = expiry;
		this.clock = clock;
		this.events = events;
	}

	@IsCustomer
	public PlacedOrder place(@Valid PlaceOrder request,
			@Pattern(regexp = "[\\x21-\\x7E]{1,255}", message = "must be 1 to 255 visible ASCII characters") @Nullable String idempotencyKey) {
		Caller caller = this.callers.current();
		List<OrderLine> lines = this.catalog.price(request.items());
		BigDecimal total = this.catalog.total(lines);
		Instant now = this.clock.instant();
		// Before anything is stored or replayed: a large order needs a strong, recent sign-in however it is asked for.
		this.stepUp.checkOrderTotal(total, caller, now);
		Order order = new Order(UUID.randomUUID().toString(), caller.subject(), OrderStatus.PENDING, lines, total,
				this.catalog.currency(), request.shippingAddress(), request.note(), now, now, 0);
		if (idempotencyKey == null) {
			this.orders.insert(order);
			return placed(order, caller, false);
		}
		IdempotencyKey key = new IdempotencyKey(caller.subject(), idempotencyKey, fingerprint(request));
		IdempotentInsert result = this.orders.insert(order, key);
		if (result instanceof IdempotentInsert.Inserted inserted) {
			return placed(inserted.order(), caller, false);
		}
		IdempotentInsert.AlreadyUsed used = (IdempotentInsert.AlreadyUsed) result;
		if (!used.requestFingerprint().equals(key.requestFingerprint())) {
			throw new IdempotencyKeyReusedException();
		}
		Order original = this.orders.findById(used.orderId())
			.orElseThrow(() -> new OrderConflictException("The order created with this Idempotency-Key no longer exists."));
		return placed(original, caller, true);
	}

	@CanReadOrders
	public OrderPage list(@Valid OrderQuery query) {
		Caller caller = this.callers.current();
		if (readsAllOrders(caller)) {
			return this.orders.findAll(query.limit(), query.cursor());
		}
		return this.orders.findByCustomer(caller.subject(), query.limit(), query.cursor());
	}

	@CanReadOrders
	public Order get(String id) {
		Caller caller = this.callers.current();
		Order order = find(id);
		if (!readsAllOrders(caller) && !order.isOwnedBy(caller.subject())) {
			throw new OrderNotFoundException();
		}
		return order;
	}

	@CanCancelOrders
	public Order cancel(String id) {
		Caller caller = this.callers.current();
		Order order = find(id);
		if (!caller.hasRole(Roles.ADMIN) && !order.isOwnedBy(caller.subject())) {
			throw new OrderNotFoundException();
		}
		Order cancelled = moveTo(order, OrderStatus.CANCELLED);
		this.events.publishEvent(new OrderEvent.Cancelled(id, caller.subject(), order.status()));
		return cancelled;
	}

	@IsFulfillment
	public Order changeStatus(String id, @Valid StatusChange change) {
		Order order = find(id);
		Order changed = moveTo(order, change.status());
		this.events.publishEvent(new OrderEvent.StatusChanged(id, this.callers.current().subject(), order.status(),
				changed.status()));
		return changed;
	}

	@IsAdmin
	public void delete(String id) {
		if (!isOrderId(id) || !this.orders.delete(id)) {
			throw new OrderNotFoundException();
		}
		this.events.publishEvent(new OrderEvent.Deleted(id, this.callers.current().subject()));
	}

	/**
	 * Cancels the orders that have been pending for longer than the configured age, as of when the schedule
	 * fired. An order that changes meanwhile (confirmed, say) loses nothing: its write wins and it is skipped.
	 */
	@IsOrderExpiry
	public ExpiryReport expirePending(@Valid ExpiryTrigger trigger) {
		Instant cutoff = trigger.time().minus(this.expiry.maxPendingAge());
		int expired = 0;
		int skipped = 0;
		for (Order order : this.orders.findPendingPlacedBefore(cutoff, this.expiry.maxOrdersPerRun())) {
			try {
				this.orders.update(order.withStatus(OrderStatus.CANCELLED, this.clock.instant()));
				this.events.publishEvent(new OrderEvent.Expired(order.id(), Callers.actor()));
				expired++;
			}
			catch (OrderConflictException changedMeanwhile) {
				skipped++;
			}
		}
		return new ExpiryReport(cutoff, expired, skipped);
	}

	private PlacedOrder placed(Order order, Caller caller, boolean replayed) {
		this.events.publishEvent(new OrderEvent.Placed(order.id(), caller.subject(), replayed));
		return new PlacedOrder(order, replayed);
	}

	private Order moveTo(Order order, OrderStatus next) {
		if (!order.status().canMoveTo(next)) {
			throw OrderConflictException.illegalTransition(order.status(), next);
		}
		return this.orders.update(order.withStatus(next, this.clock.instant()));
	}

	private Order find(String id) {
		if (!isOrderId(id)) {
			throw new OrderNotFoundException();
		}
		return this.orders.findById(id).orElseThrow(OrderNotFoundException::new);
	}

	private static boolean isOrderId(String id) {
		try {
			return UUID.fromString(id).toString().equals(id);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static boolean readsAllOrders(Caller caller) {
		return caller.hasRole(Roles.FULFILLMENT) || caller.hasRole(Roles.ADMIN) || caller.hasRole(Roles.ORDERS_READ);
	}

	private String fingerprint(PlaceOrder request) {
		try {
			byte[] canonical = this.jsonMapper.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
