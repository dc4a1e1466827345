package dev.bulwark.order;

/**
 * Output of the {@code placeOrder} function.
 *
 * @param replayed whether this is the order created earlier with the same {@code Idempotency-Key}
 */
public record PlacedOrder(Order order, boolean replayed) {
}
