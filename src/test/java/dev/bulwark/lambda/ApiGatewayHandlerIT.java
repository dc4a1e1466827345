package dev.bulwark.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiGatewayEvent;
import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.AuditLog;
import dev.bulwark.support.LambdaTransport;
import dev.bulwark.support.LocalLambda;
import dev.bulwark.support.TestJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The handler's own duties, seen in the raw JSON it returns to Lambda.
 */
class ApiGatewayHandlerIT extends ApiIntegrationTest {

	private static final JsonMapper JSON = TestJson.MAPPER;

	@Test
	void answersHttpApiEventsInPayloadFormat2() throws Exception {
		JsonNode response = invoke(ApiGatewayEvent.httpApi("GET", "/orders").requestId("r1"));

		assertThat(response.get("statusCode").asInt()).isEqualTo(401);
		assertThat(response.has("multiValueHeaders")).isFalse();
		assertThat(response.get("headers").get("Content-Type").asString()).isEqualTo("application/problem+json");
		assertThat(response.get("headers").get("WWW-Authenticate").asString()).startsWith("Bearer");
		assertThat(response.get("cookies").isArray()).isTrue();
		assertThat(JSON.readTree(response.get("body").asString()).get("status").asInt()).isEqualTo(401);
	}

	@Test
	void answersRestApiEventsWithMultiValueHeaders() throws Exception {
		JsonNode response = invoke(ApiGatewayEvent.restApi("GET", "/orders").requestId("r1"));

		assertThat(response.get("statusCode").asInt()).isEqualTo(401);
		assertThat(response.get("multiValueHeaders").get("Content-Type").get(0).asString())
			.isEqualTo("application/problem+json");
	}

	@Test
	void bodyWithoutContentTypeIsNotTakenForJson() throws Exception {
		JsonNode response = invoke(ApiGatewayEvent.httpApi("POST", "/orders")
			.requestId("r1")
			.token(this.tokens.user(ALICE))
			.body("{}"));

		assertThat(response.get("statusCode").asInt()).isEqualTo(415);
	}

	/**
	 * A servlet container refuses a malformed {@code Content-Length} itself; in Lambda the event's body is what
	 * counts, and a header that lies about it, or is no number, changes nothing (found by
	 * {@code ApiGatewayEventsFuzzTests}: it was a 500).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "-1", "99999999999999999999", "2" })
	void contentLengthOfTheEventIsTheBodysOwn(String contentLength) throws Exception {
		JsonNode read = invoke(ApiGatewayEvent.httpApi("GET", "/me")
			.token(this.tokens.user(ALICE))
			.header("Content-Length", contentLength));
		JsonNode placed = invoke(ApiGatewayEvent.restApi("POST", "/orders")
			.token(this.tokens.user(ALICE))
			.header("Content-Type", "application/json")
			.header("Content-Length", contentLength)
			.body(orderJson()));

		assertThat(read.get("statusCode").asInt()).as(read.toString()).isEqualTo(200);
		assertThat(placed.get("statusCode").asInt()).as(placed.toString()).isEqualTo(201);
	}

	/**
	 * The firewall checks a header's value when it is read; the audit reads some after the answer was written. A
	 * value it refuses there is audited as refused, and the answer stays the one problem it was (found by
	 * {@code ApiGatewayEventsFuzzTests}: a second problem was written after the first, and no audit line).
	 */
	@Test
	void headerTheFirewallRefusesNeitherSpoilsTheAnswerNorEscapesTheAudit() throws Exception {
		JsonNode response = invoke(ApiGatewayEvent.httpApi("GET", "/orders")
			.header("User-Agent", "curl\u0007")
			.header("Accept", "\uFFF7"));

		assertThat(response.get("statusCode").asInt()).isEqualTo(401);
		JsonNode problem = TestJson.MAPPER.readTree(response.get("body").asString());
		assertThat(problem.get("status").asInt()).isEqualTo(401);
		AuditLog.Line line = AuditLog.shared().line(response.at("/headers/X-Request-Id").asString());
		assertThat(line.field("user_agent.original")).isEqualTo("(refused by the firewall)");
		assertThat(line.field("http.request.header.accept")).isEqualTo("(refused by the firewall)");
	}

	/**
	 * A URL a servlet container could not decode is a 400 there; so it is here (found by
	 * {@code ApiGatewayEventsFuzzTests}: the adapter threw, a 500).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "/orders/%zz", "/orders/%", "/orders/%4", "/me%", "/orders/%\u06666" })
	void urlWithAMalformedEscapeIsABadRequest(String pathAndQuery) throws Exception {
		for (ApiGatewayEvent event : List.of(ApiGatewayEvent.httpApi("GET", pathAndQuery),
				ApiGatewayEvent.restApi("GET", pathAndQuery))) {
			JsonNode response = invoke(event.token(this.tokens.user(ALICE)));

			assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(400);
		}
	}

	/**
	 * Even while an error is being answered (here a 405, whose writing reads {@code Accept}), a header value the
	 * firewall refuses makes the answer a 400 problem, not a 500 (found by {@code ApiGatewayEventsFuzzTests}).
	 */
	@Test
	void headerTheFirewallRefusesWhileAnErrorIsAnsweredIsABadRequest() throws Exception {
		JsonNode response = invoke(ApiGatewayEvent.httpApi("POST", "/actuator/health").header("Accept", "\u0007"));

		assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(400);
		assertThat(TestJson.MAPPER.readTree(response.get("body").asString()).get("detail").asString())
			.isEqualTo("The request was refused.");
	}

	@Test
	void eventThatIsNoObjectIsABadRequest() throws Exception {
		for (String event : List.of("[]", "\"GET /me\"", "42", "null")) {
			JsonNode response = invoke(event);

			assertThat(response.get("statusCode").asInt()).as(event).isEqualTo(400);
			assertThat(TestJson.MAPPER.readTree(response.get("body").asString()).get("status").asInt()).isEqualTo(400);
		}
	}

	@Test
	void eventWithADuplicatePropertyIsRefused() {
		// Written out by hand: a JSON object cannot name a property twice, so no builder of one can.
		String event = """
				{"version":"2.0","routeKey":"$default","rawPath":"/me","rawPath":"/orders","rawQueryString":"",
				 "headers":{"host":"abc123.execute-api.eu-central-1.amazonaws.com"},
				 "requestContext":{"domainName":"abc123.execute-api.eu-central-1.amazonaws.com","stage":"$default",
				   "requestId":"r1","http":{"method":"GET","path":"/orders","protocol":"HTTP/1.1","sourceIp":"203.0.113.7"}},
				 "isBase64Encoded":false}
				""";

		assertThatExceptionOfType(StreamReadException.class).isThrownBy(() -> invoke(event))
			.withMessageStartingWith("Duplicate Object property \"rawPath\"");
	}

	@Test
	void snapStartPrimingNeedsNoTokenAndLeavesTheHandlerServing() throws Exception {
		LocalLambda.handler().beforeCheckpoint(null);
		LocalLambda.handler().afterRestore(null);

		ApiResponse me = new Api(LambdaTransport.httpApi(LocalLambda.handler())).get("/me").token(this.tokens.user(BOB)).send();
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("username").asString()).isEqualTo(BOB);
	}

	private static JsonNode invoke(ApiGatewayEvent event) throws Exception {
		return invoke(event.bytes());
	}

	private static JsonNode invoke(String event) throws Exception {
		return invoke(event.getBytes(StandardCharsets.UTF_8));
	}

	private static JsonNode invoke(byte[] event) throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		LocalLambda.handler().handleRequest(new ByteArrayInputStream(event), output, null);
		return JSON.readTree(output.toByteArray());
	}

}
