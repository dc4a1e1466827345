package dev.bulwark.lambda;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.bulwark.audit.AuditedRequest;
import dev.bulwark.audit.RequestMetrics;

/**
 * Writes every request as one CloudWatch Embedded Metric Format line on standard output, which Lambda sends to
 * CloudWatch Logs: {@code bulwark.requests}, the request's latency in milliseconds, so that the metric's sample
 * count is the number of requests. CloudWatch extracts the metric from the log, with no API call and nothing to
 * flush when Lambda freezes the instance.
 * <p>
 * The line asks for the metric under several dimension sets, so that an alarm can count what it needs without
 * naming every value of a dimension it does not care about: none (all requests), {@code outcome}, and
 * {@code outcome} with {@code reason} (401s) or with {@code tier} (known callers). These are the Prometheus
 * series' tags: the same names, the same values.
 * <p>
 * Written with the application's Jackson rather than AWS's {@code aws-embedded-metrics}: that library brings
 * Jackson 2 (3 MB) and made a fresh function's first response 235 ms slower, for one line whose format is fixed.
 * {@code CloudWatchMetricsTests} proves the lines are the ones the library writes.
 */
final class CloudWatchMetrics implements RequestMetrics {

	static final String METRIC = "bulwark.requests";

	private static final String OUTCOME = "outcome";

	private static final String REASON = "reason";

	private static final String TIER = "tier";

	private final String namespace;

	CloudWatchMetrics(CloudWatchProperties properties) {
		this.namespace = properties.namespace();
	}

	@Override
	public void record(AuditedRequest request) {
		ObjectNode line = JsonNodeFactory.instance.objectNode();
		ObjectNode directive = line.putObject("_aws")
			.put("Timestamp", System.currentTimeMillis())
			.putArray("CloudWatchMetrics")
			.addObject()
			.put("Namespace", this.namespace);
		ArrayNode dimensions = directive.putArray("Dimensions");
		dimensions.addArray();
		dimensions.addArray().add(OUTCOME);
		line.put(OUTCOME, request.outcome());
		if (request.reason() != null) {
			dimensions.addArray().add(OUTCOME).add(REASON);
			line.put(REASON, request.reason());
		}
		if (request.tier() != null) {
			dimensions.addArray().add(OUTCOME).add(TIER);
			line.put(TIER, request.tier());
		}
		directive.putArray("Metrics").addObject().put("Name", METRIC).put("Unit", "Milliseconds");
		line.put(METRIC, request.nanos() / 1_000_000.0);
		// Not a dimension (one value per request would cost a metric each): it ties the line to the audit line.
		line.put("http.request.id", request.requestId());
		// Looked up on every line, as Lambda's own runtime writes to whatever standard output is.
		System.out.println(line);
	}

}
