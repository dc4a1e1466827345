package dev.bulwark.lambda;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiGatewayEvent;
import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.HttpTransport;
import dev.bulwark.support.LambdaTransport;
import dev.bulwark.support.LocalLambda;
import dev.bulwark.support.TestJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same request to the Boot app and to the Lambda handler, behind either edge, gets the same answer: status,
 * problem body and security headers (URLs compared without their origin and stage, which differ by design).
 */
class RuntimeParityIT extends ApiIntegrationTest {

	private static final List<String> SECURITY_HEADERS = List.of("Content-Type", "Cache-Control",
			"X-Content-Type-Options", "Strict-Transport-Security", "X-Frame-Options", "Content-Security-Policy",
			"Referrer-Policy", "WWW-Authenticate", "Allow", "Accept");

	static Stream<String> requests() {
		return Stream.of("GET /orders", "GET /orders as alice", "GET /orders?limit=0 as alice",
				"GET /orders/not-an-id as alice", "GET /orders/00000000-0000-4000-8000-000000000000 as bob",
				"POST /orders as carol", "POST /orders {} as alice", "POST /orders {\"status\":\"SHIPPED\"} as alice",
				"POST /orders {\"prénom\":\"Zoë\"} as alice",
				"PATCH /orders as alice", "DELETE /orders/00000000-0000-4000-8000-000000000000 as alice",
				"GET /actuator/health", "GET /actuator/metrics as carol", "GET /no-such-route as alice",
				"GET /me as bob", "GET /orders with a forged token");
	}

	@ParameterizedTest
	@MethodSource("requests")
	void bothRuntimesAnswerAlikeBehindEitherEdge(String request) {
		ApiResponse boot = send(new Api(new HttpTransport(bootBaseUrl())), request);
		ApiResponse httpApi = send(new Api(LambdaTransport.httpApi(LocalLambda.handler())), request);
		ApiResponse restApi = send(new Api(LambdaTransport.restApi(LocalLambda.handler())), request);

		for (ApiResponse lambda : List.of(httpApi, restApi)) {
			assertThat(lambda.status()).as(lambda.toString()).isEqualTo(boot.status());
			if (boot.body().isEmpty()) {
				assertThat(lambda.body()).isEmpty();
			}
			else {
				assertThat(withoutCursor(TestJson.MAPPER.readTree(withoutStage(lambda.body()))))
					.isEqualTo(withoutCursor(boot.json()));
			}
			for (String header : SECURITY_HEADERS) {
				assertThat(withoutOrigin(lambda.header(header))).as(header)
					.isEqualTo(withoutOrigin(boot.header(header)));
			}
		}
	}

	private ApiResponse send(Api api, String request) {
		String[] words = request.split(" ", 3);
		Api.Call call = api.method(words[0], words[1]);
		String rest = (words.length > 2) ? words[2] : "";
		if (rest.startsWith("{")) {
			call.json(rest.substring(0, rest.indexOf(" as ")));
			rest = rest.substring(rest.indexOf(" as ") + 1);
		}
		else if (words[0].equals("PATCH")) {
			call.json("{}");
		}
		Function<String, String> user = name -> this.tokens.user(name);
		if (rest.startsWith("as ")) {
			call.token(user.apply(rest.substring(3)));
		}
		else if (rest.equals("with a forged token")) {
			call.token("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
		}
		return call.send();
	}

	/**
	 * A page's cursor is sealed with a fresh nonce each time, so two runtimes never write the same one: only
	 * whether there is one must agree.
	 */
	private static JsonNode withoutCursor(JsonNode body) {
		if (body instanceof ObjectNode page && page.has("next")) {
			ObjectNode copy = page.deepCopy();
			copy.put("next", page.get("next").isNull() ? "none" : "a cursor");
			return copy;
		}
		return body;
	}

	/**
	 * Paths in a body (a problem's {@code instance} and {@code detail}) without the REST API's stage: behind it,
	 * they are the path the client called, which starts with the stage.
	 */
	private static String withoutStage(String body) {
		String stage = "/" + ApiGatewayEvent.REST_API_STAGE + "/";
		return body.replace("\"" + stage, "\"/").replace(" " + stage, " /");
	}

	/**
	 * URLs in a value without their origin, and without the REST API's stage, which come before the API's own path.
	 */
	private static String withoutOrigin(String value) {
		return (value == null) ? null
				: value.replaceAll("https?://[^/\"]+(/" + ApiGatewayEvent.REST_API_STAGE + "(?=/))?", "");
	}

}
