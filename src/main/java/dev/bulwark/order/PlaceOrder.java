package dev.bulwark.order;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /orders}. It carries only what a customer may choose: no prices, totals, status or
 * owner. Unknown JSON properties are rejected, so sending any of those is a 400, not a silent override.
 */
public record PlaceOrder(@NotEmpty @Size(max = 20) List<@Valid @NotNull Item> items,
		@NotNull @Valid ShippingAddress shippingAddress, @Size(max = 500) @Nullable String note) {

	public record Item(@NotNull @Pattern(regexp = "[A-Z0-9-]{3,32}", message = "must be 3 to 32 upper-case letters, digits or dashes") String sku,
			@Min(1) @Max(100) int quantity) {
	}

}
