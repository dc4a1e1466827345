package dev.bulwark.order;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The EventBridge scheduled event that starts the expiry job. Only an event from the scheduler itself is
 * accepted; {@code time} (when the schedule fired) fixes the cutoff, so a retried event expires the same orders.
 */
public record ExpiryTrigger(@Nullable String version, @NotBlank String id,
		@JsonProperty("detail-type") @NotNull @Pattern(regexp = "Scheduled Event") String detailType,
		@NotNull @Pattern(regexp = "aws\\.events") String source, @Nullable String account,
		@NotNull @PastOrPresent Instant time, @Nullable String region, @Nullable List<String> resources,
		@Nullable Map<String, Object> detail) {
}
