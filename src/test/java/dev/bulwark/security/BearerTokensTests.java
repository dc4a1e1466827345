package dev.bulwark.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token is found exactly as Spring Security's default resolver finds it: the same token, or the same refusal,
 * for every header tried here, and nothing from query parameters.
 */
class BearerTokensTests {

	private static final String ALPHABET = "abcXYZ019-._~+/= \t=Bb:,;\"'é\u0130\u212a";

	private final BearerTokenResolver ours = new BearerTokens();

	private final BearerTokenResolver spring = new DefaultBearerTokenResolver();

	@Test
	void findsTheSameTokenOrRefusesTheSameHeaderAsSpringSecurity() {
		List<String> headers = new ArrayList<>(List.of("Bearer abc", "bearer abc", "BEARER abc==", "Bearer", "Bearer ",
				"Bearer  abc", "Bearer abc ", "Bearer ==", "Bearer a=b", "Bearerabc", "Bearer\tabc", "Basic abc",
				"DPoP abc", "", "bearer", "Bearer a.b.c", "Bearer a\u212ab", "Bearer \u0130", "B\u0130arer abc"));
		Random random = new Random(11);
		for (int i = 0; i < 20_000; i++) {
			StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "");
			for (int length = random.nextInt(12); length > 0; length--) {
				header.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
			}
			headers.add(header.toString());
		}

		List<String> disagreements = headers.stream().filter(header -> !outcome(this.ours, header)
			.equals(outcome(this.spring, header))).toList();

		assertThat(disagreements).isEmpty();
		assertThat(headers.stream().map(header -> outcome(this.spring, header)))
			.as("the comparison includes found tokens, refusals and headers of other schemes")
			.anyMatch(outcome -> outcome.startsWith("token"))
			.anyMatch(outcome -> outcome.startsWith("refused"))
			.anyMatch(outcome -> outcome.equals("none"));
	}

	@Test
	void ignoresTokensInTheQuery() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/me");
		request.setParameter("access_token", "abc");

		assertThat(this.ours.resolve(request)).isNull();
	}

	private static String outcome(BearerTokenResolver resolver, String header) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/me");
		request.addHeader("Authorization", header);
		try {
			String token = resolver.resolve(request);
			return (token != null) ? "token " + token : "none";
		}
		catch (OAuth2AuthenticationException ex) {
			return "refused " + ex.getError().getErrorCode() + " " + ex.getError().getDescription();
		}
	}

}
