package dev.bulwark.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogValuesTests {

	@Test
	void lineBreaksAndOtherControlCharactersCannotStartALineOfTheirOwn() {
		assertThat(LogValues.safe("curl\r\n2026-11-30 INFO forged\u2028line\u0000", 256))
			.isEqualTo("curl\\u000d\\u000a2026-11-30 INFO forged\\u2028line\\u0000")
			.doesNotContain("\n", "\r");
	}

	@Test
	void quotesAndBackslashesCannotForgeAField() {
		assertThat(LogValues.safe("x\" user.id=\"admin\\", 256)).isEqualTo("x\\\" user.id=\\\"admin\\\\");
	}

	@Test
	void longValuesAreCutAndSaySo() {
		assertThat(LogValues.safe("a".repeat(1_000_000), 256)).hasSize(259).endsWith("a...");
	}

	@Test
	void aCutNeverSplitsACharacter() {
		assertThat(LogValues.safe("ab\uD83D\uDE00", 3)).isEqualTo("ab...");
	}

	@Test
	void missingValueIsADash() {
		assertThat(LogValues.safe(null, 256)).isEqualTo("-");
	}

	@Test
	void ordinaryValuesAreLeftAlone() {
		assertThat(LogValues.safe("Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0", 256))
			.isEqualTo("Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/133.0");
	}

}
