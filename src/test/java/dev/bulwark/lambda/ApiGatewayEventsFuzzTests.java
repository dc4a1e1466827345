package dev.bulwark.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.bulwark.support.ApiGatewayEvent;
import dev.bulwark.support.TestJson;
import dev.bulwark.support.UnconnectedLambda;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever API Gateway (or anything invoking the function) sends: HTTP API (2.0) and REST API (1.0) events with any
 * method, path, query, header names and values, bodies as text or base64, in any encoding, and events that are not
 * API Gateway's shape at all. The handler answers every JSON object with a status, never with an exception, and
 * junk is a 4xx problem, never a 5xx. (Bytes that are not JSON are no event: the invocation fails, as it should.)
 */
class ApiGatewayEventsFuzzTests {

	private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
			"TRACE");

	private static final List<String> PATHS = List.of("/orders", "/orders/", "/orders/x", "/orders/x/status",
			"/orders/x/cancel", "/me", "/openapi.json", "/actuator/health", "/actuator/prometheus", "/",
			"/.well-known/oauth-protected-resource");

	@FuzzTest(maxDuration = "5m")
	void anyEventIsAnsweredWithAStatus(FuzzedDataProvider data) throws IOException {
		byte[] event = data.consumeBoolean() ? shapedEvent(data) : data.consumeRemainingAsBytes();

		JsonNode response = invoke(event);

		if (response == null) {
			// Not a JSON object: the runtime would have refused it before the handler.
			return;
		}
		int status = response.path("statusCode").asInt(-1);
		assertThat(status).as(response.toString()).isBetween(200, 499);
		String body = response.path("body").asString("");
		if (status >= 400 && !body.isEmpty()) {
			JsonNode problem;
			try {
				problem = TestJson.MAPPER.readTree(body);
			}
			catch (JacksonException notOneProblem) {
				throw new AssertionError("The body of a " + status + " is no problem document: " + response);
			}
			assertThat(problem.path("status").asInt()).as(response.toString()).isEqualTo(status);
		}
	}

	private static byte[] shapedEvent(FuzzedDataProvider data) {
		boolean httpApi = data.consumeBoolean();
		String method = data.consumeBoolean() ? data.pickValue(METHODS) : data.consumeString(10);
		String path = data.consumeBoolean() ? data.pickValue(PATHS) : "/" + data.consumeString(60);
		String query = data.consumeBoolean() ? "" : "?" + data.consumeString(60);
		ApiGatewayEvent event = httpApi ? ApiGatewayEvent.httpApi(method, path + query)
				: ApiGatewayEvent.restApi(method, path + query);
		int headers = data.consumeInt(0, 6);
		for (int i = 0; i < headers; i++) {
			String name = data.consumeBoolean() ? data.pickValue(List.of("Authorization", "Content-Type", "Host",
					"X-Forwarded-For", "Content-Length", "Idempotency-Key", "Accept")) : data.consumeString(20);
			event.header(name, data.consumeString(80));
		}
		if (data.consumeBoolean()) {
			event.body(data.consumeBytes(400));
		}
		if (data.consumeBoolean()) {
			event.complete();
		}
		try {
			return event.bytes();
		}
		catch (IllegalArgumentException notDecodable) {
			// A query whose escapes API Gateway could not decode into parameters either: it sends no such event,
			// and the raw bytes of the input are tried as an event instead.
			return data.consumeRemainingAsBytes();
		}
	}

	private static JsonNode invoke(byte[] event) throws IOException {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try {
			UnconnectedLambda.handler().handleRequest(new ByteArrayInputStream(event), output, null);
		}
		catch (JacksonException notJson) {
			return null;
		}
		JsonNode response = TestJson.MAPPER.readTree(output.toString(StandardCharsets.UTF_8));
		return (response instanceof ObjectNode) ? response : null;
	}

}
