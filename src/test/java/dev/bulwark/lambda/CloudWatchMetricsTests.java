package dev.bulwark.lambda;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import tools.jackson.databind.JsonNode;

import dev.bulwark.audit.AuditedRequest;
import dev.bulwark.support.StandardOutput;
import dev.bulwark.support.TestJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Embedded Metric Format line of one request, as Lambda's environment prints it: what CloudWatch makes metrics
 * of.
 */
class CloudWatchMetricsTests {

	private final CloudWatchMetrics metrics = new CloudWatchMetrics(new LambdaEnvironment(),
			new CloudWatchProperties("Bulwark/test-stack"));

	@Test
	void requestBecomesOneLatencySampleInTheConfiguredNamespace() {
		JsonNode line = onlyLine(new AuditedRequest("req-1", "allowed", null, "premium", 12_500_000));
		JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
		assertThat(directive.path("Namespace").asString()).isEqualTo("Bulwark/test-stack");
		assertThat(directive.path("Metrics").get(0).path("Name").asString()).isEqualTo("bulwark.requests");
		assertThat(directive.path("Metrics").get(0).path("Unit").asString()).isEqualTo("Milliseconds");
		assertThat(line.path("bulwark.requests").asDouble()).isEqualTo(12.5);
		assertThat(line.path("http.request.id").asString()).isEqualTo("req-1");
	}

	@Test
	void refusedTokenIsCountedInAllByOutcomeAndByReason() {
		JsonNode line = onlyLine(new AuditedRequest("req-2", "unauthenticated", "expired", null, 1_000_000));
		assertThat(dimensionSets(line)).containsExactly(List.of(), List.of("outcome"), List.of("outcome", "reason"));
		assertThat(line.path("outcome").asString()).isEqualTo("unauthenticated");
		assertThat(line.path("reason").asString()).isEqualTo("expired");
		assertThat(line.has("tier")).isFalse();
	}

	@Test
	void knownCallerIsCountedByOutcomeAndTier() {
		JsonNode line = onlyLine(new AuditedRequest("req-3", "rate-limited", null, "default", 1_000_000));
		assertThat(dimensionSets(line)).containsExactly(List.of(), List.of("outcome"), List.of("outcome", "tier"));
		assertThat(line.path("tier").asString()).isEqualTo("default");
		assertThat(line.has("reason")).isFalse();
	}

	@Test
	void lambdaDefaultDimensionsStayOut() {
		JsonNode line = onlyLine(new AuditedRequest("req-4", "allowed", null, null, 1_000_000));

		assertThat(dimensionSets(line)).containsExactly(List.of(), List.of("outcome"));
	}

	private JsonNode onlyLine(AuditedRequest request) {
		List<String> lines = StandardOutput.linesPrintedBy(() -> this.metrics.record(request));
		assertThat(lines).hasSize(1);
		return TestJson.MAPPER.readTree(lines.get(0));
	}

	private static List<List<String>> dimensionSets(JsonNode line) {
		List<List<String>> sets = new ArrayList<>();
		line.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").forEach(set -> {
			List<String> keys = new ArrayList<>();
			set.forEach(key -> keys.add(key.asString()));
			sets.add(keys);
		});
		return sets;
	}

}
