package dev.bulwark.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.ContractTest;
import dev.bulwark.support.FaultInjection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever fails, the client gets a problem document with the status and nothing of the failure's insides.
 */
class FailureHandlingIT extends ContractTest {

	@Test
	void exceptionInAHandlerIsAPlain500() {
		assertPlain500(this.api.get("/_test/handler-failure").token(this.tokens.user(ALICE)).send());
	}

	@Test
	void exceptionInAServletFilterIsAPlain500() {
		assertPlain500(this.api.get("/_test/filter-failure").token(this.tokens.user(ALICE)).send());
	}

	@Test
	void requestRefusedByTheFirewallIsAProblem() {
		ApiResponse response = this.api.get("/orders;jsessionid=0123").token(this.tokens.user(ALICE)).send();

		assertProblem(response, 400);
		assertThat(response.json().get("status").asInt()).isEqualTo(400);
	}

	/**
	 * The firewall checks parameter names only when something reads them all, by then deep in the request (the
	 * actuator does; the API's routes read theirs by name and ignore the rest): its refusal is still a 400 problem,
	 * not a 500 (found by {@code ApiGatewayEventsFuzzTests}).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health?%EF%BF%B7=1", "/actuator/health?a%01b=1",
			"/actuator/metrics/bulwark.requests?%EF%BF%B7=1", "/actuator/prometheus?%EF%BF%B7=1" })
	void parameterNameTheFirewallRefusesIsABadRequestWhereverItIsRead(String pathAndQuery) {
		ApiResponse response = this.api.get(pathAndQuery).token(this.tokens.userWithMfa(DAVE)).send();

		assertProblem(response, 400);
		assertThat(response.json().get("detail").asString()).isEqualTo("The request was refused.");
	}

	/**
	 * Whitespace around a header value is no part of it: an {@code Accept} of a tab is an empty one, in both
	 * runtimes. In Lambda it reached the actuator, which parses {@code Accept} itself, as a media type of a tab: a
	 * 500 (found by {@code ApiGatewayEventsFuzzTests}).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/actuator/health", "/actuator/metrics" })
	void acceptOfWhitespaceIsNoAccept(String path) {
		ApiResponse response = this.api.get(path).token(this.tokens.userWithMfa(DAVE)).header("Accept", "\t").send();

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	@Test
	void methodSecurityAloneRefusesWithA403Problem() {
		String id = placeOrder(ALICE);

		ApiResponse response = this.api.post("/_test/unguarded-delete/" + id).token(this.tokens.user(ALICE)).send();

		assertProblem(response, 403);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"insufficient_scope\"");
		assertThat(this.api.get("/orders/" + id).token(this.tokens.user(ALICE)).send().status()).isEqualTo(200);
	}

	private static void assertPlain500(ApiResponse response) {
		assertProblem(response, 500);
		assertThat(response.json().get("detail").asString()).isEqualTo("The server could not handle the request.");
		assertThat(response.body()).doesNotContain(FaultInjection.SECRET)
			.doesNotContain("Exception")
			.doesNotContain("dev.bulwark")
			.doesNotContain("at ");
	}

}
