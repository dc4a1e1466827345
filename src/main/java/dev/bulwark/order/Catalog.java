package dev.bulwark.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
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

	private final int fractionDigits;

	private final Map<String, Product> products;

	Catalog(CatalogProperties properties) {
		this.currency = properties.currency();
		this.fractionDigits = Currency.getInstance(this.currency).getDefaultFractionDigits();
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
			BigDecimal unitPrice = money(product.price());
			BigDecimal lineTotal = money(unitPrice.multiply(BigDecimal.valueOf(item.quantity())));
			lines.add(new OrderLine(product.sku(), product.name(), item.quantity(), unitPrice, lineTotal));
		}
		return lines;
	}

	BigDecimal total(List<OrderLine> lines) {
		return money(lines.stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add));
	}

	/**
	 * Amounts always carry the currency's minor units (12.50, not 12.5), however they were configured.
	 */
	private BigDecimal money(BigDecimal amount) {
		return amount.setScale(this.fractionDigits, RoundingMode.HALF_EVEN);
	}

}
