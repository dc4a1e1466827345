package dev.bulwark.security;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.bulwark.order.ChangeStatusCommand;
import dev.bulwark.order.ExpiryReport;
import dev.bulwark.order.ExpiryTrigger;
import dev.bulwark.order.Order;
import dev.bulwark.order.OrderLine;
import dev.bulwark.order.OrderPage;
import dev.bulwark.order.OrderQuery;
import dev.bulwark.order.OrderRepository;
import dev.bulwark.order.OrderService;
import dev.bulwark.order.OrderStatus;
import dev.bulwark.order.PlaceOrder;
import dev.bulwark.order.PlaceOrderCommand;
import dev.bulwark.order.PlacedOrder;
import dev.bulwark.order.ShippingAddress;
import dev.bulwark.order.StatusChange;
import dev.bulwark.support.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The function beans are protected by the service's method security on their own, without the HTTP URL rules:
 * this is what keeps them safe when something other than the route table invokes them. A refusal is expected as
 * {@link AuthorizationDeniedException}, what method security throws: {@link Callers} refuses a caller without an
 * access token with a plain {@code AccessDeniedException}, which would not prove the method layer.
 */
class FunctionMethodSecurityIT extends ApiIntegrationTest {

	private static final ShippingAddress ADDRESS = new ShippingAddress("A", "1 Main Street", null, "Lisbon",
			"1000-001", "PT");

	@Autowired
	FunctionCatalog functions;

	@Autowired
	CallerAuthenticationConverter converter;

	@Autowired
	OrderService orders;

	@Autowired
	OrderRepository repository;

	@AfterEach
	void clearContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void functionRefusesCallerWithoutAuthentication() {
		Function<Object, Object> listOrders = this.functions.lookup("listOrders");

		assertThatExceptionOfType(AuthenticationCredentialsNotFoundException.class)
			.isThrownBy(() -> listOrders.apply(new OrderQuery(10, null)));
	}

	@Test
	void functionRefusesCallerWithoutTheRole() {
		Order order = storeOrder(OrderStatus.PENDING, Instant.now());
		authenticateAs("customer");
		Consumer<Object> deleteOrder = this.functions.lookup("deleteOrder");

		assertThatExceptionOfType(AuthorizationDeniedException.class).isThrownBy(() -> deleteOrder.accept(order.id()));
		assertThat(this.repository.findById(order.id())).isPresent();
	}

	/**
	 * Each function refuses a role the URL rules would also refuse: proof that the method layer holds on its own.
	 */
	@ParameterizedTest(name = "{0} refuses {1}")
	@CsvSource({ "placeOrder, fulfillment", "placeOrder, orders:read", "cancelOrder, fulfillment",
			"changeOrderStatus, customer", "changeOrderStatus, orders:read", "deleteOrder, fulfillment",
			"listOrders, none", "getOrder, none" })
	void functionRefusesRoleWithoutTheRight(String function, String role) {
		authenticateAs(role);
		Function<Object, Object> invocable = this.functions.lookup(function);
		Object input = switch (function) {
			case "placeOrder" -> new PlaceOrderCommand(mugOrder(), null);
			case "changeOrderStatus" -> new ChangeStatusCommand(UUID.randomUUID().toString(),
					new StatusChange(OrderStatus.CONFIRMED));
			case "listOrders" -> new OrderQuery(10, null);
			default -> UUID.randomUUID().toString();
		};

		assertThatExceptionOfType(AuthorizationDeniedException.class).isThrownBy(() -> invocable.apply(input));
	}

	@Test
	void functionServesCallerWithTheRole() {
		// Given an order a customer placed through the placeOrder function
		String customer = UUID.randomUUID().toString();
		authenticateAs(customer, "customer");
		Function<Object, Object> placeOrder = this.functions.lookup("placeOrder");
		PlacedOrder placed = (PlacedOrder) placeOrder.apply(new PlaceOrderCommand(mugOrder(), null));

		// When fulfillment lists the orders through the listOrders function
		authenticateAs("fulfillment");
		List<Order> listed = listEveryOrder(this.functions.lookup("listOrders"));

		// Then the customer's order is among them, as placed
		assertThat(placed.order().customerId()).isEqualTo(customer);
		assertThat(listed).filteredOn(order -> order.id().equals(placed.order().id()))
			.singleElement()
			.satisfies(order -> {
				assertThat(order.customerId()).isEqualTo(customer);
				assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
				assertThat(order.total()).isEqualTo(new BigDecimal("12.50"));
			});
	}

	@Test
	void onlyTheSystemPrincipalRunsTheExpiryJob() {
		Order stale = storeOrder(OrderStatus.PENDING, Instant.now().minus(Duration.ofDays(30)));
		authenticateAs("admin");

		assertThatExceptionOfType(AuthorizationDeniedException.class)
			.isThrownBy(() -> this.orders.expirePending(trigger()));
		assertThat(statusOf(stale)).isEqualTo(OrderStatus.PENDING);
	}

	@Test
	void systemPrincipalCanDoNothingButExpireOrders() {
		// Given an order pending for far longer than the maximum age
		Order stale = storeOrder(OrderStatus.PENDING, Instant.now().minus(Duration.ofDays(30)));
		ExpiryTrigger trigger = trigger();

		// When the system principal lists or deletes orders, then it is refused, and the order is untouched
		assertThatExceptionOfType(AuthorizationDeniedException.class).isThrownBy(() -> SystemPrincipal
			.runAs(Roles.ORDER_EXPIRY, () -> this.orders.list(new OrderQuery(10, null))));
		assertThatExceptionOfType(AuthorizationDeniedException.class).isThrownBy(() -> SystemPrincipal.runAs(Roles.ORDER_EXPIRY, () -> {
			this.orders.delete(stale.id());
			return null;
		}));
		assertThat(statusOf(stale)).isEqualTo(OrderStatus.PENDING);

		// When it expires pending orders, then it may, and the stale order is cancelled
		ExpiryReport report = SystemPrincipal.runAs(Roles.ORDER_EXPIRY, () -> this.orders.expirePending(trigger));

		assertThat(report.cutoff()).isEqualTo(trigger.time().minus(Duration.ofHours(24)));
		assertThat(report.expired()).isPositive();
		assertThat(statusOf(stale)).isEqualTo(OrderStatus.CANCELLED);
	}

	private static ExpiryTrigger trigger() {
		return new ExpiryTrigger("0", UUID.randomUUID().toString(), "Scheduled Event", "aws.events", null,
				Instant.now(), null, null, null);
	}

	private static PlaceOrder mugOrder() {
		return new PlaceOrder(List.of(new PlaceOrder.Item("BLW-MUG", 1)), ADDRESS, null);
	}

	/**
	 * Every order, page by page, through the given listOrders function.
	 */
	private static List<Order> listEveryOrder(Function<Object, Object> listOrders) {
		List<Order> orders = new ArrayList<>();
		String cursor = null;
		do {
			OrderPage page = (OrderPage) listOrders.apply(new OrderQuery(100, cursor));
			orders.addAll(page.items());
			cursor = page.next();
		}
		while (cursor != null);
		return orders;
	}

	private Order storeOrder(OrderStatus status, Instant createdAt) {
		Order order = new Order(UUID.randomUUID().toString(), UUID.randomUUID().toString(), status,
				List.of(new OrderLine("BLW-MUG", "Bulwark mug", 1, new BigDecimal("12.50"), new BigDecimal("12.50"))),
				new BigDecimal("12.50"), "EUR", ADDRESS, null, createdAt, createdAt, 0);
		this.repository.insert(order);
		return order;
	}

	private OrderStatus statusOf(Order order) {
		return this.repository.findById(order.id()).orElseThrow().status();
	}

	private void authenticateAs(String role) {
		authenticateAs(UUID.randomUUID().toString(), role);
	}

	private void authenticateAs(String subject, String role) {
		Jwt jwt = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject(subject)
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.claim("resource_access", Map.of("bulwark-api", Map.of("roles", List.of(role))))
			.build();
		SecurityContextHolder.getContext().setAuthentication(this.converter.convert(jwt));
	}

}
