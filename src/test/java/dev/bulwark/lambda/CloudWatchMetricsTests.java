package dev.bulwark.lambda;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.bulwark.audit.AuditedRequest;
import dev.bulwark.support.StandardOutput;
import dev.bulwark.support.TestJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Embedded Metric Format line of one request: what CloudWatch makes metrics of, and the very line AWS's own
 * EMF library writes for it.
 */
class CloudWatchMetricsTests {

	private static final String NAMESPACE = "Bulwark/test-stack";

	private final CloudWatchMetrics metrics = new CloudWatchMetrics(new CloudWatchProperties(NAMESPACE));

	@Test
	void requestBecomesOneLatencySampleInTheConfiguredNamespace() {
		JsonNode line = onlyLine(new AuditedRequest("req-1", "allowed", null, "premium", 12_500_000));

		JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
		assertThat(directive.path("Namespace").asString()).isEqualTo(NAMESPACE);
		assertThat(directive.path("Metrics").get(0).path("Name").asString()).isEqualTo("bulwark.requests");
		assertThat(directive.path("Metrics").get(0).path("Unit").asString()).isEqualTo("Milliseconds");
		assertThat(line.path("bulwark.requests").asDouble()).isEqualTo(12.5);
		assertThat(line.path("http.request.id").asString()).isEqualTo("req-1");
		assertThat(line.path("_aws").path("Timestamp").asLong())
			.isCloseTo(System.currentTimeMillis(), within(60_000L));
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
	void anonymousRequestIsCountedInAllAndByOutcomeOnly() {
		JsonNode line = onlyLine(new AuditedRequest("req-4", "allowed", null, null, 1_000_000));

		assertThat(dimensionSets(line)).containsExactly(List.of(), List.of("outcome"));
	}

	@Test
	void linesAreTheOnesAwsEmbeddedMetricsLibraryWrites() {
		for (AuditedRequest request : List.of(new AuditedRequest("req-5", "allowed", null, "premium", 2_750_000),
				new AuditedRequest("req-6", "unauthenticated", "bad-signature", null, 400_000),
				new AuditedRequest("req-7", "not-found", null, null, 1_000))) {
			assertThat(withoutTimestamp(onlyLine(request))).as(request.toString())
				.isEqualTo(withoutTimestamp(libraryLine(request)));
		}
	}

	private JsonNode onlyLine(AuditedRequest request) {
		List<String> lines = StandardOutput.linesPrintedBy(() -> this.metrics.record(request));
		assertThat(lines).hasSize(1);
		return TestJson.MAPPER.readTree(lines.get(0));
	}

	/**
	 * What {@code aws-embedded-metrics} prints in Lambda's environment for the same request, the same dimension
	 * sets and no default dimensions.
	 */
	private static JsonNode libraryLine(AuditedRequest request) {
		List<DimensionSet> sets = new ArrayList<>();
		sets.add(new DimensionSet());
		sets.add(DimensionSet.of("outcome", request.outcome()));
		if (request.reason() != null) {
			sets.add(DimensionSet.of("outcome", request.outcome(), "reason", request.reason()));
		}
		if (request.tier() != null) {
			sets.add(DimensionSet.of("outcome", request.outcome(), "tier", request.tier()));
		}
		List<String> lines = StandardOutput.linesPrintedBy(() -> {
			MetricsLogger library = new MetricsLogger(new LambdaEnvironment());
			library.setNamespace(NAMESPACE);
			library.setDimensions(false, sets.toArray(DimensionSet[]::new));
			library.putMetric("bulwark.requests", request.nanos() / 1_000_000.0, Unit.MILLISECONDS);
			library.putProperty("http.request.id", request.requestId());
			library.flush();
		});
		assertThat(lines).hasSize(1);
		return TestJson.MAPPER.readTree(lines.get(0));
	}

	private static JsonNode withoutTimestamp(JsonNode line) {
		ObjectNode copy = (ObjectNode) line.deepCopy();
		((ObjectNode) copy.path("_aws")).remove("Timestamp");
		return copy;
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
