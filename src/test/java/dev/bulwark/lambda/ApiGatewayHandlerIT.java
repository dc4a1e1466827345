package dev.bulwark.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiGatewayEvent;
import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.ApiResponse;
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
