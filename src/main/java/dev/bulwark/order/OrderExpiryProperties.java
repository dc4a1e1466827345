package dev.bulwark.order;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The expiry job.
 *
 * @param maxPendingAge a pending order older than this is cancelled
 * @param batchSize orders read per DynamoDB query
 * @param maxBatches batches per run, so that one run stays well inside the function's timeout
 */
@Validated
@ConfigurationProperties("bulwark.orders.expiry")
record OrderExpiryProperties(@DefaultValue("24h") @NotNull Duration maxPendingAge,
		@DefaultValue("100") @Min(1) @Max(1000) int batchSize, @DefaultValue("10") @Min(1) int maxBatches) {
}
