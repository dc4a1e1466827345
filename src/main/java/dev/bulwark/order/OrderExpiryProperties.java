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
 * @param maxOrdersPerRun at most this many are cancelled per run, so that a run stays well inside the function's
 * timeout; the rest wait for the next run
 */
@Validated
@ConfigurationProperties("bulwark.orders.expiry")
record OrderExpiryProperties(@DefaultValue("24h") @NotNull Duration maxPendingAge,
		@DefaultValue("1000") @Min(1) @Max(100_000) int maxOrdersPerRun) {
}
