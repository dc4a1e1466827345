package dev.bulwark.order;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The products that can be ordered and their prices: the only source of prices, so a client can never set one.
 */
@Validated
@ConfigurationProperties("bulwark.catalog")
record CatalogProperties(@NotBlank @Pattern(regexp = "[A-Z]{3}") String currency,
		@NotEmpty List<@Valid Product> products) {

	record Product(@NotBlank String sku, @NotBlank String name, @NotNull @DecimalMin("0.00") BigDecimal price) {
	}

}
