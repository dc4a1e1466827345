package dev.bulwark.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firewall's header rules, checked here without regular expressions, decide exactly as Spring Security's own:
 * for every character of the Basic Multilingual Plane, surrogate pairs and lone surrogates, and whole headers.
 */
class HeaderCharactersTests {

	@Test
	void allowsTheSameHeaderNamesAsSpringSecurity() {
		assertSameDecisions(HeaderCharacters::allowedInName, StrictHttpFirewall.ALLOWED_HEADER_NAMES);
	}

	@Test
	void allowsTheSameHeaderValuesAsSpringSecurity() {
		assertSameDecisions(HeaderCharacters::allowedInValue, StrictHttpFirewall.ALLOWED_HEADER_VALUES);
	}

	@Test
	void refusesControlCharactersAnywhereInAValue() {
		String token = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";

		assertThat(HeaderCharacters.allowedInValue(token)).isTrue();
		assertThat(HeaderCharacters.allowedInValue(token + "\r\nX-Injected: 1")).isFalse();
		assertThat(HeaderCharacters.allowedInValue("caf\u00e9\u0000")).isFalse();
		assertThat(HeaderCharacters.allowedInValue("a\tb")).isTrue();
		assertThat(HeaderCharacters.allowedInName("a\tb")).isFalse();
	}

	private static void assertSameDecisions(Predicate<String> ours, Predicate<String> spring) {
		List<String> texts = new ArrayList<>();
		for (int c = 0; c <= Character.MAX_VALUE; c++) {
			texts.add(String.valueOf((char) c));
			texts.add("Bearer x" + (char) c + "y");
		}
		for (int codePoint = Character.MIN_SUPPLEMENTARY_CODE_POINT; codePoint <= Character.MAX_CODE_POINT;
				codePoint += 97) {
			texts.add("x" + Character.toString(codePoint) + "\u00e9");
		}
		texts.add("\ud800x");
		texts.add("x\udfff");
		texts.add("");
		List<String> disagreements = texts.stream().filter(text -> ours.test(text) != spring.test(text)).toList();

		assertThat(disagreements).isEmpty();
		assertThat(texts.stream().filter(spring.negate())).as("the comparison includes refused texts").isNotEmpty();
	}

}
