package dev.bulwark.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.bulwark.support.DeploymentTemplate.list;
import static dev.bulwark.support.DeploymentTemplate.map;

/**
 * One series of a CloudWatch alarm or dashboard graph: a metric with its statistic, or a metric math expression
 * over other series of the same alarm or graph, by their ids. {@code returned} is whether the alarm evaluates it
 * ({@code ReturnData}) or the graph draws it ({@code visible}).
 */
public record MetricQuery(String id, Metric metric, Integer period, String expression, boolean returned) {

	public record Metric(String namespace, String name, Map<String, String> dimensions, String stat) {
	}

	/**
	 * The series of a dashboard's metric widget, given its {@code properties}: each element of {@code metrics} is
	 * either {@code [{expression, id, ...}]} or {@code [namespace, name, dimension, value, ..., {options}]}, whose
	 * statistic and period default to the widget's (and to CloudWatch's defaults, Average over 300 s, after that).
	 */
	public static List<MetricQuery> ofGraph(Map<String, Object> widget) {
		List<MetricQuery> queries = new ArrayList<>();
		for (Object element : list(widget.get("metrics"))) {
			List<Object> parts = new ArrayList<>(list(element));
			Map<String, Object> options = (parts.get(parts.size() - 1) instanceof Map<?, ?>)
					? map(parts.remove(parts.size() - 1)) : Map.of();
			boolean visible = !Boolean.FALSE.equals(options.get("visible"));
			if (options.containsKey("expression")) {
				queries.add(new MetricQuery((String) options.get("id"), null, null, (String) options.get("expression"),
						visible));
				continue;
			}
			Map<String, String> dimensions = new LinkedHashMap<>();
			for (int i = 2; i < parts.size(); i += 2) {
				dimensions.put((String) parts.get(i), (String) parts.get(i + 1));
			}
			String stat = (String) options.getOrDefault("stat", widget.getOrDefault("stat", "Average"));
			Integer period = (Integer) options.getOrDefault("period", widget.getOrDefault("period", 300));
			queries.add(new MetricQuery((String) options.get("id"),
					new Metric((String) parts.get(0), (String) parts.get(1), dimensions, stat), period, null, visible));
		}
		return queries;
	}

}
