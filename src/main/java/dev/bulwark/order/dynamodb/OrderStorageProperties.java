package dev.bulwark.order.dynamodb;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where orders are stored. The client's settings under the same prefix belong to {@code dev.bulwark.dynamodb}.
 *
 * @param ordersTable the orders table
 * @param idempotencyTable the table that remembers {@code Idempotency-Key}s
 * @param idempotencyTtl how long an {@code Idempotency-Key} is remembered
 * @param cursorTtl how long a page cursor can be used
 * @param cursorKey base64 of a 256-bit AES key that seals page cursors; every instance must share it. Unset, a
 * random key is made at startup, so cursors do not survive a restart or cross instances
 */
@Validated
@ConfigurationProperties("bulwark.dynamodb")
record OrderStorageProperties(@DefaultValue("bulwark-orders") @NotBlank String ordersTable,
		@DefaultValue("bulwark-idempotency") @NotBlank String idempotencyTable,
		@DefaultValue("24h") @NotNull Duration idempotencyTtl, @DefaultValue("1h") @NotNull Duration cursorTtl,
		@Nullable String cursorKey) {
}
