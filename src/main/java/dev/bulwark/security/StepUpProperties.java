package dev.bulwark.security;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How strongly, and how recently, a person must have authenticated for a request (RFC 9470): the policy, in one
 * place ({@code application.yml}).
 *
 * @param acrLevels the identity provider's {@code acr} values and the level each stands for (Keycloak's ACR to
 * LoA mapping); an {@code acr} not named here is no level at all
 * @param routes the first rule that matches a request's method and path says what it needs
 * @param largeOrder what placing an order needs once its total is over an amount
 */
@Validated
@ConfigurationProperties("bulwark.security.step-up")
public record StepUpProperties(@NotEmpty Map<String, @NotNull Integer> acrLevels,
		@NotNull List<@Valid Route> routes, @NotNull @Valid LargeOrder largeOrder) {

	@AssertTrue(message = "every rule's acr must be one of acr-levels")
	boolean isEveryAcrKnown() {
		return this.routes.stream().allMatch(route -> route.acr() == null || this.acrLevels.containsKey(route.acr()))
				&& this.acrLevels.containsKey(this.largeOrder.acr());
	}

	/**
	 * @param above the total over which an order needs more, in the catalog's currency
	 * @param acr the least {@code acr} a person must have signed in with to place it
	 * @param maxAge how long ago at most they may have authenticated; none: any time
	 */
	public record LargeOrder(@NotNull @PositiveOrZero BigDecimal above, @NotBlank String acr,
			@Nullable Duration maxAge) {
	}

	/**
	 * @param method the HTTP method, or every method when none
	 * @param path an Ant-style path pattern
	 * @param acr the least {@code acr} a person must have signed in with; none: nothing beyond a valid token
	 * @param maxAge how long ago at most they may have authenticated; none: any time
	 */
	public record Route(@Nullable String method, @NotBlank String path, @Nullable String acr,
			@Nullable Duration maxAge) {
	}

}
