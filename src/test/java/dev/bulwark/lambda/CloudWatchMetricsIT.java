package dev.bulwark.lambda;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.LambdaTransport;
import dev.bulwark.support.LocalLambda;
import dev.bulwark.support.StandardOutput;
import dev.bulwark.support.TestJson;
import dev.bulwark.support.Transport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In Lambda every request is also one Embedded Metric Format line on standard output, which CloudWatch turns into
 * the {@code bulwark.requests} metric the template's alarms watch; the line carries the request's id, so a spike
 * leads to the requests behind it.
 */
class CloudWatchMetricsIT extends ApiIntegrationTest {

	@Override
	protected Transport transport() {
		return LambdaTransport.httpApi(LocalLambda.handler());
	}

	@Test
	void allowedRequestIsCountedByOutcomeAndTier() {
		JsonNode line = metricLineOf(this.api.get("/me").token(this.tokens.user(ALICE)));

		assertThat(line.path("outcome").asString()).isEqualTo("allowed");
		assertThat(line.path("tier").asString()).isEqualTo("default");
		assertThat(line.path("bulwark.requests").asDouble()).isPositive();
		assertThat(dimensionSets(line)).containsExactly("[]", "[\"outcome\"]", "[\"outcome\",\"tier\"]");
	}

	@Test
	void refusedTokenIsCountedByReason() {
		JsonNode line = metricLineOf(this.api.get("/orders").token("not-a-token"));

		assertThat(line.path("outcome").asString()).isEqualTo("unauthenticated");
		assertThat(line.path("reason").asString()).isEqualTo("malformed");
		assertThat(dimensionSets(line)).containsExactly("[]", "[\"outcome\"]", "[\"outcome\",\"reason\"]");
	}

	@Test
	void missingRoleIsCountedAsForbidden() {
		String order = placeOrder(ALICE);

		JsonNode line = metricLineOf(this.api.delete("/orders/" + order).token(this.tokens.user(ALICE)));

		assertThat(line.path("outcome").asString()).isEqualTo("forbidden");
	}

	@Test
	void metricsGoToTheDefaultNamespaceUnlessConfigured() {
		JsonNode line = metricLineOf(this.api.get("/actuator/health"));

		assertThat(line.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asString())
			.isEqualTo("Bulwark");
	}

	/**
	 * The one metric line of the request, found by the request's id among everything printed while it ran.
	 */
	private static JsonNode metricLineOf(Api.Call call) {
		String requestId = UUID.randomUUID().toString();
		List<JsonNode> lines = StandardOutput.linesPrintedBy(() -> call.header("X-Request-Id", requestId).send())
			.stream()
			.filter(line -> line.startsWith("{\"_aws\""))
			.map(TestJson.MAPPER::readTree)
			.filter(line -> requestId.equals(line.path("http.request.id").asString(null)))
			.toList();
		assertThat(lines).hasSize(1);
		return lines.get(0);
	}

	private static List<String> dimensionSets(JsonNode line) {
		return line.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").valueStream()
			.map(JsonNode::toString)
			.toList();
	}

}
