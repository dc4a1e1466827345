package dev.bulwark.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.bulwark.security.CallerTiers;

/**
 * Rate limits, like API Gateway usage plans: every authenticated client gets the limit of its tier, chosen by a
 * claim or a role in its token; requests without a valid token get a limit per client address. On unless
 * {@code bulwark.rate-limit.enabled} is {@code false}.
 *
 * @param tiers the tiers by name; {@code default} is required and applies when nothing else selects a tier
 * @param tierClaim a token claim that names the client's tier (set by the identity provider, never by the client)
 * @param roleTiers the tier a role selects when the claim does not
 * @param unauthenticated failed authentications (a token that did not verify) allowed per client address; once
 * used up, tokens from that address are verified only for callers this instance knows (and each of them only this
 * often at that address), others are refused before verification
 * @param knownCallerRetention how long a caller who authenticated counts as known
 * @param routes stricter limits for some routes, on top of the tier's
 * @param maxTrackedClients how many clients' limiters are kept at most; the least recently seen go first
 * @param idleTimeout a client's limiter is dropped after this long without a request
 */
@Validated
@ConfigurationProperties("bulwark.rate-limit")
public record RateLimitProperties(
		@NotEmpty Map<@Pattern(regexp = TIER_NAME, message = TIER_NAME_MESSAGE) String, @Valid @NotNull Limit> tiers,
		@DefaultValue("bulwark_tier") @NotBlank String tierClaim, @DefaultValue Map<String, String> roleTiers,
		@NotNull @Valid Limit unauthenticated, @DefaultValue List<@Valid RouteLimit> routes,
		@DefaultValue("100000") @Min(1) int maxTrackedClients,
		@DefaultValue("10m") @NotNull Duration idleTimeout, @DefaultValue("24h") @NotNull Duration knownCallerRetention) {

	/**
	 * A tier's name goes as it is into log lines and metric dimensions (CloudWatch's among them), which take only
	 * plain words.
	 */
	static final String TIER_NAME = "[a-z0-9][a-z0-9._-]{0,63}";

	static final String TIER_NAME_MESSAGE = "a tier name is 1 to 64 of a-z 0-9 . _ -, starting with a letter or digit";

	@AssertTrue(message = "a 'default' tier is required, and role tiers must name configured tiers")
	boolean isConsistent() {
		return this.tiers.containsKey(CallerTiers.DEFAULT) && this.tiers.keySet().containsAll(this.roleTiers.values());
	}

	/**
	 * So many requests per period.
	 */
	public record Limit(@Min(1) @Max(1_000_000) int limit, @NotNull Duration period) {
	}

	/**
	 * Limits for one route, by tier; tiers not named here have no extra limit on it.
	 */
	record RouteLimit(@NotBlank String method, @NotBlank String path, @NotEmpty Map<String, @Valid @NotNull Limit> tiers) {
	}

}
