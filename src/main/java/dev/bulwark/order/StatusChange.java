package dev.bulwark.order;

import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code PUT /orders/{id}/status}.
 */
public record StatusChange(@NotNull OrderStatus status) {
}
