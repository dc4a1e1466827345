package dev.bulwark.order;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class OrderStatusTests {

	@ParameterizedTest(name = "{0} -> {1}: {2}")
	@CsvSource({ "PENDING, CONFIRMED, true", "CONFIRMED, SHIPPED, true", "SHIPPED, DELIVERED, true",
			"PENDING, CANCELLED, true", "CONFIRMED, CANCELLED, true", "SHIPPED, CANCELLED, false",
			"DELIVERED, CANCELLED, false", "CANCELLED, CANCELLED, false", "PENDING, SHIPPED, false",
			"PENDING, DELIVERED, false", "CONFIRMED, CONFIRMED, false", "CONFIRMED, PENDING, false",
			"SHIPPED, CONFIRMED, false", "CANCELLED, PENDING, false", "CANCELLED, CONFIRMED, false",
			"DELIVERED, SHIPPED, false" })
	void followsTheOrderLifeCycle(OrderStatus from, OrderStatus to, boolean allowed) {
		assertThat(from.canMoveTo(to)).isEqualTo(allowed);
	}

}
