package dev.bulwark.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.bulwark.security.AuthenticationFailure;
import dev.bulwark.support.DeploymentTemplate;
import dev.bulwark.support.MetricQuery;

import static dev.bulwark.support.DeploymentTemplate.list;
import static dev.bulwark.support.DeploymentTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CloudWatch alarms and dashboard of {@code template.yaml} ask only for series the API function writes: outcomes
 * and reasons the audit filter records, under the dimension sets it writes. (The Prometheus rules' counterpart is
 * {@code AlertRulesTests.rulesNameOnlyOutcomesAndReasonsThatAreRecorded}.)
 */
class DeploymentAlarmsTests {

	private final DeploymentTemplate template = DeploymentTemplate.load();

	@Test
	void alarmsAndDashboardNameOnlyOutcomesAndReasonsThatAreRecorded() {
		List<MetricQuery.Metric> metrics = requestMetrics();
		Set<String> outcomes = Arrays.stream(Outcome.values()).map(Outcome::code).collect(Collectors.toSet());
		Set<String> reasons = Arrays.stream(AuthenticationFailure.values())
			.map(AuthenticationFailure::code)
			.collect(Collectors.toSet());

		assertThat(dimensionValues(metrics, "outcome")).isNotEmpty().isSubsetOf(outcomes);
		assertThat(dimensionValues(metrics, "reason")).isNotEmpty().isSubsetOf(reasons);
	}

	@Test
	void alarmsAndDashboardAskOnlyForDimensionSetsTheFunctionWrites() {
		// Every request under no dimension and under its outcome; 401s also under outcome and reason, and known
		// callers' requests under outcome and tier.
		Set<Set<String>> written = Set.of(Set.of(), Set.of("outcome"), Set.of("outcome", "reason"),
				Set.of("outcome", "tier"));

		assertThat(requestMetrics()).isNotEmpty().allSatisfy(metric -> {
			assertThat(metric.dimensions().keySet()).isIn(written);
			if (metric.dimensions().containsKey("reason")) {
				assertThat(metric.dimensions()).containsEntry("outcome", Outcome.UNAUTHENTICATED.code());
			}
		});
	}

	/**
	 * Every metric of {@code bulwark.requests} an alarm evaluates or the dashboard draws.
	 */
	private List<MetricQuery.Metric> requestMetrics() {
		Stream<MetricQuery> alarmed = this.template.resources("AWS::CloudWatch::Alarm")
			.keySet()
			.stream()
			.flatMap(alarm -> this.template.alarmQueries(alarm).stream());
		Stream<MetricQuery> drawn = list(this.template.dashboard("Dashboard").get("widgets")).stream()
			.flatMap(widget -> MetricQuery.ofGraph(map(map(widget).get("properties"))).stream());
		return Stream.concat(alarmed, drawn)
			.map(MetricQuery::metric)
			.filter(metric -> metric != null && metric.name().equals("bulwark.requests"))
			.toList();
	}

	private static Set<String> dimensionValues(List<MetricQuery.Metric> metrics, String dimension) {
		return metrics.stream()
			.map(metric -> metric.dimensions().get(dimension))
			.filter(value -> value != null)
			.collect(Collectors.toSet());
	}

}
