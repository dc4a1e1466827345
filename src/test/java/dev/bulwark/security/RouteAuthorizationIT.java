package dev.bulwark.security;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.ContractTest;
import dev.bulwark.support.DevRealm;
import dev.bulwark.support.RouteMatrix;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route against every kind of caller: allowed callers get their 2xx, everyone else the 401, 403 or 404 the
 * API promises. "alice" owns the order the order routes act on; "bob" is another customer.
 */
class RouteAuthorizationIT extends ContractTest {

	private static final String ANONYMOUS = "anonymous";

	private static final String REPORTING = DevRealm.REPORTING_CLIENT;

	private static final String METRICS = DevRealm.METRICS_CLIENT;

	static Stream<Arguments> matrix() {
		return RouteMatrix.callers(ANONYMOUS, ALICE, BOB, CAROL, DAVE, REPORTING, METRICS)
			.row("POST /orders", 401, 201, 201, 403, 403, 403, 403)
			.row("GET /orders", 401, 200, 200, 200, 200, 200, 403)
			.row("GET /orders/{id}", 401, 200, 404, 200, 200, 200, 403)
			.row("POST /orders/{id}/cancel", 401, 200, 404, 403, 200, 403, 403)
			.row("PUT /orders/{id}/status", 401, 403, 403, 200, 200, 403, 403)
			.row("DELETE /orders/{id}", 401, 403, 403, 403, 204, 403, 403)
			.row("GET /me", 401, 200, 200, 200, 200, 200, 200)
			.row("GET /actuator/health", 200, 200, 200, 200, 200, 200, 200)
			.row("GET /actuator/metrics", 401, 403, 403, 403, 200, 403, 403)
			.row("GET /actuator/info", 401, 403, 403, 403, 200, 403, 403)
			.row("GET /actuator/prometheus", 401, 403, 403, 403, 200, 403, 200)
			.cases();
	}

	@ParameterizedTest(name = "{0} as {1} -> {2}")
	@MethodSource("matrix")
	void routeAnswersEachCallerAsSpecified(String route, String caller, int expected) {
		String orderId = route.contains("{id}") ? placeOrder(ALICE) : "";
		String[] methodAndPath = route.replace("{id}", orderId).split(" ");
		Api.Call call = this.api.method(methodAndPath[0], methodAndPath[1]);
		if (route.equals("POST /orders")) {
			call.json(orderJson());
		}
		if (route.endsWith("/status")) {
			call.json("{\"status\":\"CONFIRMED\"}");
		}
		if (!caller.equals(ANONYMOUS)) {
			// People signed in as strongly as any route asks: how strongly is StepUpIT's matter, roles are this one's.
			call.token(caller.equals(REPORTING) || caller.equals(METRICS) ? this.tokens.client(caller)
					: this.tokens.userWithMfa(caller));
		}

		ApiResponse response = call.send();

		assertThat(response.status()).as(response.toString()).isEqualTo(expected);
		if (expected >= 400) {
			assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
			assertThat(response.json().get("status").asInt()).isEqualTo(expected);
		}
		if (expected == 401) {
			assertThat(response.header("WWW-Authenticate")).startsWith("Bearer ");
		}
		if (expected == 403) {
			assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"insufficient_scope\"");
		}
	}

}
