package dev.bulwark.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.ContractTest;
import dev.bulwark.support.DevRealm;
import dev.bulwark.support.KeycloakServer;
import dev.bulwark.support.OpenApiContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document as the service serves it, and the service as the document describes it, in both runtimes:
 * every documented operation is routed, routes a default Spring Boot application would have are not, and the
 * routes mapped only for Spring's own use answer 404. ({@code ApiInventoryIT} compares the route tables with the
 * document; every contract test holds its responses to it.)
 */
class ApiDocumentIT extends ContractTest {

	/** A token that holds one of the roles a role list names, with the second factor where asked. */
	private static final Map<String, String> CALLER_BY_ROLE = Map.of("customer", ALICE, "fulfillment", CAROL, "admin",
			DAVE);

	@Test
	void documentIsServedToCallersWithAToken() {
		ApiResponse response = this.api.get("/openapi.json").token(this.tokens.user(ALICE)).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode served = response.json();
		JsonNode source = OpenApiContract.shared().document();
		assertThat(served.get("openapi").asString()).isEqualTo("3.1.0");
		assertThat(served.get("paths")).isEqualTo(source.get("paths"));
		assertThat(served.at("/components/schemas")).isEqualTo(source.at("/components/schemas"));
	}

	@Test
	void documentNamesWhereTheApiIsAndTheConfiguredKeycloak() {
		JsonNode served = this.api.get("/openapi.json").token(this.tokens.user(ALICE)).send().json();
		String resource = this.api.get("/.well-known/oauth-protected-resource").send().json().get("resource").asString();
		String endpoints = KeycloakServer.shared().issuer(DevRealm.NAME) + "/protocol/openid-connect/";

		assertThat(served.get("servers")).hasSize(1);
		assertThat(served.at("/servers/0/url").asString()).isEqualTo(resource);
		JsonNode flows = served.at("/components/securitySchemes/keycloak/flows");
		assertThat(flows.at("/authorizationCode/authorizationUrl").asString()).isEqualTo(endpoints + "auth");
		assertThat(flows.at("/authorizationCode/tokenUrl").asString()).isEqualTo(endpoints + "token");
		assertThat(flows.at("/clientCredentials/tokenUrl").asString()).isEqualTo(endpoints + "token");
	}

	@Test
	void documentNeedsATokenByDefault() {
		ApiResponse response = this.api.get("/openapi.json").send();

		assertProblem(response, 401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(response.body()).doesNotContain("paths");
	}

	static List<String> operations() {
		return List.copyOf(OpenApiContract.shared().operations());
	}

	/**
	 * Each operation, called by a caller it admits, reaches its handler: whatever the handler then answers (an
	 * order that does not exist is a 404 too), it is not the router's "no endpoint" or "method not allowed".
	 */
	@ParameterizedTest
	@MethodSource("operations")
	void everyDocumentedOperationIsRouted(String operation) {
		String method = operation.substring(0, operation.indexOf(' '));
		String template = operation.substring(operation.indexOf(' ') + 1);
		JsonNode described = OpenApiContract.shared().operationObject(operation);
		String path = template.replace("{id}", UUID.randomUUID().toString()).replace("{name}", "bulwark.requests");

		Api.Call call = this.api.method(method, path);
		String token = token(described);
		if (token != null) {
			call.token(token);
		}
		if (described.has("requestBody")) {
			call.json(method.equals("PUT") ? "{\"status\":\"CONFIRMED\"}" : orderJson());
		}
		ApiResponse response = call.send();

		assertThat(response.status()).as(response.toString()).isNotIn(401, 403, 405);
		if (response.status() == 404) {
			assertThat(response.json().get("detail").asString()).as(response.toString()).doesNotStartWith("No endpoint");
		}
	}

	/**
	 * What a Spring Boot application with the actuator, Spring Cloud Function and a web UI would serve by default,
	 * and this one must not, even to an admin signed in with the second factor.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/actuator", "/actuator/env", "/actuator/beans", "/actuator/configprops",
			"/actuator/heapdump", "/actuator/threaddump", "/actuator/loggers", "/actuator/mappings",
			"/actuator/functions", "/actuator/health/liveness", "/actuator/health/readiness", "/actuator/health/ping",
			"/actuator/health/diskSpace", "/error", "/v3/api-docs", "/swagger-ui.html",
			"/functionRouter", "/me/", "/orders/" })
	void undocumentedRoutesAreNotServed(String path) {
		ApiResponse response = this.api.get(path).token(this.tokens.userWithMfa(DAVE)).send();

		assertProblem(response, 404);
	}

	@Test
	void errorPathAnswersNotFoundToEveryMethod() {
		for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
			assertProblem(this.api.method(method, "/error").token(this.tokens.userWithMfa(DAVE)).send(), 404);
		}
	}

	private @Nullable String token(JsonNode operation) {
		JsonNode security = operation.path("security");
		if (security.isArray() && security.size() == 1 && security.get(0).isEmpty()) {
			return null;
		}
		JsonNode roles = operation.path("x-roles");
		if (roles.isMissingNode()) {
			return this.tokens.user(ALICE);
		}
		String role = roles.get(0).asString();
		return switch (role) {
			case "metrics" -> this.tokens.client(DevRealm.METRICS_CLIENT);
			case "orders:read" -> this.tokens.client(DevRealm.REPORTING_CLIENT);
			default -> operation.has("x-step-up") ? this.tokens.userWithMfa(CALLER_BY_ROLE.get(role))
					: this.tokens.user(CALLER_BY_ROLE.get(role));
		};
	}

}
