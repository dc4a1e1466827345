package dev.bulwark.order;

/**
 * Input of the {@code changeOrderStatus} function.
 */
public record ChangeStatusCommand(String orderId, StatusChange change) {
}
