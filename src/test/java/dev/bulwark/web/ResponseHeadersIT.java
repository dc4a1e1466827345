package dev.bulwark.web;

import org.junit.jupiter.api.Test;

import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.ContractTest;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseHeadersIT extends ContractTest {

	@Test
	void successfulResponsesCarrySecurityHeaders() {
		assertSecurityHeaders(this.api.get("/orders").token(this.tokens.user(ALICE)).send());
	}

	@Test
	void errorResponsesCarrySecurityHeaders() {
		assertSecurityHeaders(this.api.get("/orders").send());
		assertSecurityHeaders(this.api.get("/orders/not-an-id").token(this.tokens.user(ALICE)).send());
	}

	@Test
	void healthSaysOnlyUpOrDown() {
		ApiResponse health = this.api.get("/actuator/health").send();

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().propertyNames()).containsExactly("status");
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
	}

	/**
	 * A browser only lets another origin call the API when the answer allows that origin; none is allowed unless
	 * configured, and a preflight is then refused like any request without a token. {@code SecurityConfigurationTests}
	 * covers a configured allow-list.
	 */
	@Test
	void corsIsClosedByDefault() {
		ApiResponse preflight = this.api.method("OPTIONS", "/orders")
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "GET")
			.header("Access-Control-Request-Headers", "authorization")
			.send();

		assertProblem(preflight, 401);
		assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
		assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();
		assertThat(preflight.header("Access-Control-Allow-Headers")).isNull();
	}

	@Test
	void noSessionCookieIsEverSet() {
		ApiResponse response = this.api.get("/orders").token(this.tokens.user(ALICE)).send();

		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
	}

	private static void assertSecurityHeaders(ApiResponse response) {
		assertThat(response.header("Cache-Control")).as(response.toString()).contains("no-store");
		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.header("Strict-Transport-Security")).startsWith("max-age=31536000");
		assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
		assertThat(response.header("Content-Security-Policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
		assertThat(response.header("Server")).isNull();
		assertThat(response.header("X-Powered-By")).isNull();
	}

}
