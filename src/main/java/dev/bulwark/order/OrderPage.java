package dev.bulwark.order;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of orders. {@code next} is an opaque, authenticated cursor bound to the listing it came from: one
 * customer's own orders, or all orders.
 */
public record OrderPage(List<Order> items, @Nullable String next) {

	public OrderPage {
		items = List.copyOf(items);
	}

}
