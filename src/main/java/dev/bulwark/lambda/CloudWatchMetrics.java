package dev.bulwark.lambda;

import java.util.ArrayList;
import java.util.List;

import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

import dev.bulwark.audit.AuditedRequest;
import dev.bulwark.audit.RequestMetrics;

/**
 * Writes every request as one CloudWatch Embedded Metric Format line: {@code bulwark.requests}, its latency in
 * milliseconds, so that the metric's sample count is the number of requests. CloudWatch extracts the metric from
 * the function's log, with no API call and nothing to flush when Lambda freezes the instance.
 * <p>
 * The line asks for the metric under several dimension sets, so that an alarm can count what it needs without
 * naming every value of a dimension it does not care about: none (all requests), {@code outcome}, and
 * {@code outcome} with {@code reason} (401s) or with {@code tier} (known callers). These are the Prometheus
 * series' tags: the same names, the same values.
 */
final class CloudWatchMetrics implements RequestMetrics {

	static final String METRIC = "bulwark.requests";

	private static final String OUTCOME = "outcome";

	private final Environment environment;

	private final String namespace;

	/**
	 * @param environment where the lines go: Lambda's, standard output, which Lambda sends to CloudWatch Logs
	 */
	CloudWatchMetrics(Environment environment, CloudWatchProperties properties) {
		this.environment = environment;
		this.namespace = properties.namespace();
	}

	@Override
	public void record(AuditedRequest request) {
		List<DimensionSet> dimensions = new ArrayList<>(3);
		dimensions.add(new DimensionSet());
		dimensions.add(DimensionSet.of(OUTCOME, request.outcome()));
		if (request.reason() != null) {
			dimensions.add(DimensionSet.of(OUTCOME, request.outcome(), "reason", request.reason()));
		}
		if (request.tier() != null) {
			dimensions.add(DimensionSet.of(OUTCOME, request.outcome(), "tier", request.tier()));
		}
		MetricsLogger metrics = new MetricsLogger(this.environment);
		metrics.setNamespace(this.namespace);
		metrics.setDimensions(false, dimensions.toArray(DimensionSet[]::new));
		metrics.putMetric(METRIC, request.nanos() / 1_000_000.0, Unit.MILLISECONDS);
		// Not a dimension (one value per request would cost a metric each): it ties the line to the audit line.
		metrics.putProperty("http.request.id", request.requestId());
		metrics.flush();
	}

}
