package dev.bulwark.audit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeTests {

	@ParameterizedTest
	@CsvSource({ "200, true, true, allowed", "201, true, true, allowed", "204, true, true, allowed",
			"401, false, false, unauthenticated", "401, true, true, step-up-required",
			"401, true, false, step-up-required",
			"403, true, true, forbidden", "403, true, false, forbidden",
			"404, true, true, not-found-for-caller", "404, true, false, not-found", "404, false, false, not-found",
			"400, true, true, invalid", "400, false, false, invalid", "405, true, false, invalid",
			"413, false, false, invalid", "415, true, true, invalid", "409, true, true, conflict",
			"412, true, true, conflict", "422, true, true, conflict", "429, true, true, rate-limited",
			"429, false, false, locked-out", "500, true, true, error", "503, false, false, error" })
	void statusAndWhatIsKnownOfTheRequestDecideTheOutcome(int status, boolean authenticated, boolean apiRoute,
			String outcome) {
		assertThat(Outcome.of(status, authenticated, apiRoute).code()).isEqualTo(outcome);
	}

}
