package dev.bulwark.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

/**
 * An order as the API returns it. Prices and totals are always computed by the server from the catalog.
 *
 * @param version the optimistic-locking version; never serialized, so clients cannot influence it
 */
public record Order(String id, String customerId, OrderStatus status, List<OrderLine> items, BigDecimal total,
		String currency, ShippingAddress shippingAddress, @Nullable String note, Instant createdAt, Instant updatedAt,
		@JsonIgnore long version) {

	public Order {
		items = List.copyOf(items);
	}

	public boolean isOwnedBy(String subject) {
		return this.customerId.equals(subject);
	}

	Order withStatus(OrderStatus next, Instant now) {
		return new Order(this.id, this.customerId, next, this.items, this.total, this.currency, this.shippingAddress,
				this.note, this.createdAt, now, this.version);
	}

}
