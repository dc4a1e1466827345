package dev.bulwark.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.Concurrently;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Optimistic locking: of two writers that read the same version, exactly one wins and the other gets 409.
 */
class ConcurrentUpdatesIT extends ApiIntegrationTest {

	@Autowired
	OrderRepository orders;

	@Test
	void staleWriteLosesToTheFirstWrite() {
		Instant now = Instant.now();
		Order order = new Order(UUID.randomUUID().toString(), "customer-1", OrderStatus.PENDING,
				List.of(new OrderLine("BLW-MUG", "Bulwark mug", 1, new BigDecimal("12.50"), new BigDecimal("12.50"))),
				new BigDecimal("12.50"), "EUR",
				new ShippingAddress("A", "1 Main Street", null, "Lisbon", "1000-001", "PT"), null, now, now, 0);
		this.orders.insert(order);
		Order first = this.orders.findById(order.id()).orElseThrow();
		Order second = this.orders.findById(order.id()).orElseThrow();

		Order confirmed = this.orders.update(first.withStatus(OrderStatus.CONFIRMED, Instant.now()));

		assertThat(confirmed.version()).isEqualTo(first.version() + 1);
		assertThatExceptionOfType(OrderConflictException.class)
			.isThrownBy(() -> this.orders.update(second.withStatus(OrderStatus.CANCELLED, Instant.now())));
		assertThat(this.orders.findById(order.id()).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
	}

	@Test
	void concurrentStatusChangesNeverBothWin() throws Exception {
		String id = placeOrder(ALICE);
		String token = this.tokens.user(CAROL);

		List<ApiResponse> responses = Concurrently.run(8,
				() -> this.api.put("/orders/" + id + "/status").token(token).json("{\"status\":\"CONFIRMED\"}").send());

		assertThat(responses).extracting(ApiResponse::status).containsOnly(200, 409).containsOnlyOnce(200);
	}

}
