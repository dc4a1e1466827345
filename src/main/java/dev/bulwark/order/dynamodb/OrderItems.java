package dev.bulwark.order.dynamodb;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import dev.bulwark.order.Order;
import dev.bulwark.order.OrderLine;
import dev.bulwark.order.OrderStatus;
import dev.bulwark.order.ShippingAddress;

/**
 * Maps between the domain's {@link Order} and the stored {@link OrderItem}.
 */
final class OrderItems {

	private OrderItems() {
	}

	static OrderItem toItem(Order order) {
		OrderItem item = new OrderItem();
		item.setId(order.id());
		item.setCustomerId(order.customerId());
		item.setStatus(order.status().name());
		item.setItems(order.items().stream().map(OrderItems::toItem).toList());
		item.setTotal(order.total());
		item.setCurrency(order.currency());
		item.setShippingAddress(toItem(order.shippingAddress()));
		item.setNote(order.note());
		item.setCreatedAt(order.createdAt());
		item.setUpdatedAt(order.updatedAt());
		// Version 0 is an order never stored: the versioning extension then requires that none exists yet.
		item.setVersion((order.version() == 0) ? null : order.version());
		return item;
	}

	static Order toOrder(OrderItem item) {
		OrderItem.AddressItem address = item.getShippingAddress();
		int scale = Currency.getInstance(item.getCurrency()).getDefaultFractionDigits();
		return new Order(item.getId(), item.getCustomerId(), OrderStatus.valueOf(item.getStatus()),
				item.getItems()
					.stream()
					.map(line -> new OrderLine(line.getSku(), line.getName(), line.getQuantity(),
							money(line.getUnitPrice(), scale), money(line.getLineTotal(), scale)))
					.toList(),
				money(item.getTotal(), scale), item.getCurrency(),
				new ShippingAddress(address.getName(), address.getLine1(), address.getLine2(), address.getCity(),
						address.getPostalCode(), address.getCountry()),
				item.getNote(), item.getCreatedAt(), item.getUpdatedAt(),
				(item.getVersion() != null) ? item.getVersion() : 0);
	}

	/**
	 * DynamoDB numbers keep the value but not the scale (12.50 comes back as 12.5); amounts were stored in minor
	 * units of their currency, so restoring the scale is exact.
	 */
	private static BigDecimal money(BigDecimal amount, int scale) {
		return amount.setScale(scale, RoundingMode.UNNECESSARY);
	}

	private static OrderItem.LineItem toItem(OrderLine line) {
		OrderItem.LineItem item = new OrderItem.LineItem();
		item.setSku(line.sku());
		item.setName(line.name());
		item.setQuantity(line.quantity());
		item.setUnitPrice(line.unitPrice());
		item.setLineTotal(line.lineTotal());
		return item;
	}

	private static OrderItem.AddressItem toItem(ShippingAddress address) {
		OrderItem.AddressItem item = new OrderItem.AddressItem();
		item.setName(address.name());
		item.setLine1(address.line1());
		item.setLine2(address.line2());
		item.setCity(address.city());
		item.setPostalCode(address.postalCode());
		item.setCountry(address.country());
		return item;
	}

}
