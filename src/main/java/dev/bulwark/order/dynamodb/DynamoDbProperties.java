package dev.bulwark.order.dynamodb;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where orders are stored.
 *
 * @param endpoint a DynamoDB endpoint other than AWS's, e.g. DynamoDB Local; unset in AWS
 * @param region the AWS region; unset means the SDK's default chain ({@code AWS_REGION}, which Lambda sets)
 * @param ordersTable the orders table
 * @param idempotencyTable the table that remembers {@code Idempotency-Key}s
 * @param idempotencyTtl how long an {@code Idempotency-Key} is remembered
 * @param createTables create missing tables at startup: for local runs only, in AWS the tables are deployed
 * @param cursorTtl how long a page cursor can be used
 * @param cursorKey base64 of a 256-bit AES key that seals page cursors; every instance must share it. Unset, a
 * random key is made at startup, so cursors do not survive a restart or cross instances
 */
@Validated
@ConfigurationProperties("bulwark.dynamodb")
record DynamoDbProperties(@Nullable URI endpoint, @Nullable String region,
		@DefaultValue("bulwark-orders") @NotBlank String ordersTable,
		@DefaultValue("bulwark-idempotency") @NotBlank String idempotencyTable,
		@DefaultValue("24h") @NotNull Duration idempotencyTtl, @DefaultValue("false") boolean createTables,
		@DefaultValue("1h") @NotNull Duration cursorTtl, @Nullable String cursorKey) {
}
