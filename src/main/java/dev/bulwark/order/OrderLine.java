package dev.bulwark.order;

import java.math.BigDecimal;

/**
 * One priced line of an order.
 */
public record OrderLine(String sku, String name, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {
}
