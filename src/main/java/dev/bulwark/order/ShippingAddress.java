package dev.bulwark.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Where an order goes. {@code country} is an ISO 3166-1 alpha-2 code.
 */
public record ShippingAddress(@NotBlank @Size(max = 100) String name, @NotBlank @Size(max = 200) String line1,
		@Size(max = 200) @Nullable String line2, @NotBlank @Size(max = 100) String city,
		@NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9 -]{1,15}", message = "must be 2 to 16 letters, digits, spaces or dashes") String postalCode,
		@NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 country code") String country) {
}
