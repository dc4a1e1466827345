package dev.bulwark.order;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Input of the {@code listOrders} function.
 *
 * @param cursor the opaque {@code next} value of the previous page, if any
 */
public record OrderQuery(@Min(1) @Max(100) int limit, @Size(max = 2048) @Nullable String cursor) {

	public static final int DEFAULT_LIMIT = 20;

}
