package dev.bulwark.security;

import java.time.Instant;
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
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import dev.bulwark.order.ChangeStatusCommand;
import dev.bulwark.order.ExpiryTrigger;
import dev.bulwark.order.OrderQuery;
import dev.bulwark.order.OrderService;
import dev.bulwark.order.OrderStatus;
import dev.bulwark.order.PlaceOrder;
import dev.bulwark.order.PlaceOrderCommand;
import dev.bulwark.order.ShippingAddress;
import dev.bulwark.order.StatusChange;
import dev.bulwark.support.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The function beans are protected by the service's method security on their own, without the HTTP URL rules:
 * this is what keeps them safe when something other than the route table invokes them.
 */
class FunctionMethodSecurityIT extends ApiIntegrationTest {

	@Autowired
	FunctionCatalog functions;

	@Autowired
	JwtAuthenticationConverter converter;

	@Autowired
	OrderService orders;

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
		authenticateAs("customer");
		Consumer<Object> deleteOrder = this.functions.lookup("deleteOrder");

		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> deleteOrder.accept(UUID.randomUUID().toString()));
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
			case "placeOrder" -> new PlaceOrderCommand(new PlaceOrder(List.of(new PlaceOrder.Item("BLW-MUG", 1)),
					new ShippingAddress("A", "1 Main Street", null, "Lisbon", "1000-001", "PT"), null), null);
			case "changeOrderStatus" -> new ChangeStatusCommand(UUID.randomUUID().toString(),
					new StatusChange(OrderStatus.CONFIRMED));
			case "listOrders" -> new OrderQuery(10, null);
			default -> UUID.randomUUID().toString();
		};

		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> invocable.apply(input));
	}

	@Test
	void functionServesCallerWithTheRole() {
		authenticateAs("fulfillment");
		Function<Object, Object> listOrders = this.functions.lookup("listOrders");

		assertThat(listOrders.apply(new OrderQuery(10, null))).isNotNull();
	}

	@Test
	void onlyTheSystemPrincipalRunsTheExpiryJob() {
		authenticateAs("admin");

		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.orders.expirePending(trigger()));
	}

	@Test
	void systemPrincipalCanDoNothingButExpireOrders() {
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> SystemPrincipal
			.runAs(Roles.ORDER_EXPIRY, () -> this.orders.list(new OrderQuery(10, null))));
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> SystemPrincipal.runAs(Roles.ORDER_EXPIRY, () -> {
			this.orders.delete(UUID.randomUUID().toString());
			return null;
		}));
		assertThat(SystemPrincipal.runAs(Roles.ORDER_EXPIRY, () -> this.orders.expirePending(trigger()))).isNotNull();
	}

	private static ExpiryTrigger trigger() {
		return new ExpiryTrigger("0", UUID.randomUUID().toString(), "Scheduled Event", "aws.events", null,
				Instant.now(), null, null, null);
	}

	private void authenticateAs(String role) {
		Jwt jwt = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject(UUID.randomUUID().toString())
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.claim("resource_access", Map.of("bulwark-api", Map.of("roles", List.of(role))))
			.build();
		SecurityContextHolder.getContext().setAuthentication(this.converter.convert(jwt));
	}

}
