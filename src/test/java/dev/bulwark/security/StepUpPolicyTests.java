package dev.bulwark.security;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The step-up policy as configured: which requests need what, and what a caller who falls short is told.
 */
class StepUpPolicyTests {

	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

	private final StepUpPolicy policy = new StepUpPolicy(new StepUpProperties(Map.of("password", 1, "mfa", 2),
			List.of(new StepUpProperties.Route("DELETE", "/orders/*", "mfa", FIVE_MINUTES),
					new StepUpProperties.Route(null, "/actuator/health/**", null, null),
					new StepUpProperties.Route(null, "/actuator/prometheus", null, null),
					new StepUpProperties.Route(null, "/actuator/**", "mfa", FIVE_MINUTES)),
			new StepUpProperties.LargeOrder(new BigDecimal("500.00"), "mfa", null)));

	@ParameterizedTest(name = "{0} {1} needs {2}")
	@CsvSource({ "DELETE, /orders/7b0c, mfa", "GET, /orders/7b0c, -", "POST, /orders, -", "GET, /orders, -",
			"PUT, /orders/7b0c/status, -", "POST, /orders/7b0c/cancel, -", "GET, /me, -", "GET, /actuator/metrics, mfa",
			"GET, /actuator/metrics/bulwark.requests, mfa", "GET, /actuator/info, mfa", "GET, /actuator/health, -",
			"GET, /actuator/health/liveness, -", "GET, /actuator/prometheus, -" })
	void routesNeedWhatTheirFirstMatchingRuleSays(String method, String path, String acr) {
		Optional<StepUpProperties.Route> requirement = this.policy
			.requirementOf(new MockHttpServletRequest(method, path));

		assertThat(requirement.map(StepUpProperties.Route::acr).orElse("-")).isEqualTo(acr);
	}

	@Test
	void passwordSignInIsAskedForMfa() {
		assertThat(challenge(caller("password", NOW.minusSeconds(10))))
			.hasValueSatisfying(challenge -> {
				assertThat(challenge.acrValues()).isEqualTo("mfa");
				assertThat(challenge.maxAge()).isNull();
			});
	}

	@Test
	void oldMfaSignInIsAskedForARecentOne() {
		assertThat(challenge(caller("mfa", NOW.minus(FIVE_MINUTES).minusSeconds(1))))
			.hasValueSatisfying(challenge -> {
				assertThat(challenge.acrValues()).isEqualTo("mfa");
				assertThat(challenge.maxAge()).isEqualTo(FIVE_MINUTES);
			});
	}

	@Test
	void oldPasswordSignInIsAskedForBothAtOnce() {
		assertThat(challenge(caller("password", NOW.minus(Duration.ofHours(1)))))
			.hasValueSatisfying(challenge -> assertThat(challenge.maxAge()).isEqualTo(FIVE_MINUTES));
	}

	@Test
	void recentMfaSignInPasses() {
		assertThat(challenge(caller("mfa", NOW.minus(FIVE_MINUTES)))).isEmpty();
	}

	@Test
	void serviceAccountNeverPasses() {
		assertThat(challenge(caller(null, null))).isPresent();
	}

	@Test
	void unknownAcrIsNoLevel() {
		assertThat(challenge(caller("phr", NOW))).isPresent();
	}

	@Test
	void everyRuleMustNameAKnownAcr() {
		StepUpProperties.LargeOrder largeOrder = new StepUpProperties.LargeOrder(BigDecimal.TEN, "password", null);
		assertThat(new StepUpProperties(Map.of("password", 1),
				List.of(new StepUpProperties.Route(null, "/x", "mfa", null)), largeOrder).isEveryAcrKnown()).isFalse();
		assertThat(new StepUpProperties(Map.of("password", 1), List.of(),
				new StepUpProperties.LargeOrder(BigDecimal.TEN, "mfa", null)).isEveryAcrKnown()).isFalse();
	}

	private Optional<StepUpChallenge> challenge(Caller caller) {
		return this.policy.challenge(
				this.policy.requirementOf(new MockHttpServletRequest("DELETE", "/orders/7b0c")).orElseThrow(), caller,
				NOW);
	}

	private static Caller caller(@Nullable String acr, @Nullable Instant authTime) {
		return new Caller("f1c2", "dave", "bulwark-web", Set.of("admin"), Set.of(), "default", "0".repeat(32), acr,
				authTime);
	}

}
