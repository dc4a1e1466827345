package dev.bulwark.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.bulwark.order.CatalogProperties.Product;

/**
 * Prices an order from the configured catalog.
 */
@Component
class Catalog {

	private final String currency;

	private final Map<String, Product> products;

	Catalog(CatalogProperties properties) {
		this.currency = properties.currency();
		this.products = properties.products().stream().collect(Collectors.toUnmodifiableMap(Product::sku, Function.identity()));
	}

	String currency() {
		return this.currency;
	}

	List<OrderLine> price(List<PlaceOrder.Item> items) {
		List<OrderLine> lines = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			PlaceOrder.Item item = items.get(i);
			Product product = this.products.get(item.sku());
			if (product == null) {
				throw new UnknownProductException("items[" + i + "].sku");
			}
			BigDecimal lineTotal = product.price().multiply(BigDecimal.valueOf(item.quantity()));
			lines.add(new OrderLine(product.sku(), product.name(), item.quantity(), product.price(), lineTotal));
		}
		return lines;
	}

	static BigDecimal total(List<OrderLine> lines) {
		return lines.stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

}
