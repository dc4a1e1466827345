package dev.bulwark.security;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.ContractTest;
import dev.bulwark.support.DevRealm;
import dev.bulwark.support.OpenApiContract;
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
			.row("GET /actuator/metrics/{name}", 401, 403, 403, 403, 200, 403, 403)
			.row("GET /actuator/prometheus", 401, 403, 403, 403, 200, 403, 200)
			.row("GET /openapi.json", 401, 200, 200, 200, 200, 200, 200)
			.row("GET /.well-known/oauth-protected-resource", 200, 200, 200, 200, 200, 200, 200)
			.cases();
	}

	/** The roles of the API that each caller of the matrix holds. */
	private static final Map<String, Set<String>> ROLES = Map.of(ANONYMOUS, Set.of(), ALICE, Set.of("customer"), BOB,
			Set.of("customer"), CAROL, Set.of("fulfillment"), DAVE, Set.of("admin"), REPORTING, Set.of("orders:read"),
			METRICS, Set.of("metrics"));

	@Test
	void matrixHasARowForEveryDocumentedOperation() {
		Set<String> routes = matrix().map(cell -> (String) cell.get()[0]).collect(Collectors.toCollection(TreeSet::new));

		assertThat(routes).isEqualTo(OpenApiContract.shared().operations());
	}

	/**
	 * What the OpenAPI document says about who may call each operation ({@code security}, {@code x-roles}) is what
	 * the matrix proves: a caller it admits is never refused for who they are (401, 403), any other always is.
	 */
	@ParameterizedTest(name = "{0} as {1} -> {2}")
	@MethodSource("matrix")
	void documentSaysWhoMayCall(String route, String caller, int expected) {
		JsonNode operation = OpenApiContract.shared().operationObject(route);
		boolean anonymous = operation.path("security").valueStream().anyMatch(JsonNode::isEmpty);
		Set<String> roles = new TreeSet<>();
		operation.path("x-roles").valueStream().forEach(role -> roles.add(role.asString()));
		boolean admitted = anonymous || (!caller.equals(ANONYMOUS)
				&& (roles.isEmpty() || ROLES.get(caller).stream().anyMatch(roles::contains)));

		assertThat(expected != 401 && expected != 403).as(route + " as " + caller).isEqualTo(admitted);
	}

	@ParameterizedTest(name = "{0} as {1} -> {2}")
	@MethodSource("matrix")
	void routeAnswersEachCallerAsSpecified(String route, String caller, int expected) {
		String orderId = route.contains("{id}") ? placeOrder(ALICE) : "";
		String[] methodAndPath = route.replace("{id}", orderId).replace("{name}", "bulwark.requests").split(" ");
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
