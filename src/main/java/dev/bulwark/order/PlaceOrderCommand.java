package dev.bulwark.order;

import org.jspecify.annotations.Nullable;

/**
 * Input of the {@code placeOrder} function: the request body and the optional {@code Idempotency-Key}.
 */
public record PlaceOrderCommand(PlaceOrder order, @Nullable String idempotencyKey) {
}
