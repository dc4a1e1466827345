package dev.bulwark.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code template.yaml} as data. CloudFormation's short forms ({@code !Ref X}, {@code !GetAtt A.B}, ...) are read
 * as their long forms ({@code {Ref: X}}, {@code {Fn::GetAtt: A.B}}), which is what they mean.
 */
public final class DeploymentTemplate {

	private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs",
			"AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

	private static final Map<String, Object> NO_VALUE = Map.of("Ref", "AWS::NoValue");

	private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{(!?)([^}]*)}");

	private final Map<String, Object> template;

	private DeploymentTemplate(Map<String, Object> template) {
		this.template = template;
	}

	public static DeploymentTemplate load() {
		try (Reader reader = Files.newBufferedReader(Path.of("template.yaml"))) {
			return new DeploymentTemplate(new Yaml(new CloudFormationConstructor()).load(reader));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Map<String, Object> section(String name) {
		return map(this.template.get(name));
	}

	/**
	 * The resources of the given type, by logical id.
	 */
	public Map<String, Map<String, Object>> resources(String type) {
		Map<String, Map<String, Object>> found = new LinkedHashMap<>();
		section("Resources").forEach((id, resource) -> {
			if (type.equals(map(resource).get("Type"))) {
				found.put(id, map(resource));
			}
		});
		return found;
	}

	/**
	 * The resources that CloudFormation creates for the given parameter values (the others at their defaults):
	 * those without a {@code Condition}, and those whose condition holds.
	 */
	public Map<String, Map<String, Object>> deployedResources(Map<String, String> parameters) {
		Map<String, Map<String, Object>> deployed = new LinkedHashMap<>();
		section("Resources").forEach((id, resource) -> {
			Object condition = map(resource).get("Condition");
			if (condition == null || condition((String) condition, parameters)) {
				deployed.put(id, map(resource));
			}
		});
		return deployed;
	}

	/**
	 * Whether the named condition holds for the given parameter values (the others at their defaults).
	 */
	public boolean condition(String name, Map<String, String> parameters) {
		if (!section("Conditions").containsKey(name)) {
			throw new IllegalArgumentException("No condition " + name);
		}
		return holds(section("Conditions").get(name), parameters);
	}

	private boolean holds(Object condition, Map<String, String> parameters) {
		Map<String, Object> function = map(condition);
		List<Object> operands = list(function.values().stream().findFirst().orElse(null));
		if (function.containsKey("Fn::Not")) {
			return !holds(operands.get(0), parameters);
		}
		if (function.containsKey("Fn::And")) {
			return operands.stream().allMatch(operand -> holds(operand, parameters));
		}
		if (function.containsKey("Fn::Or")) {
			return operands.stream().anyMatch(operand -> holds(operand, parameters));
		}
		if (function.containsKey("Fn::Equals")) {
			return value(operands.get(0), parameters).equals(value(operands.get(1), parameters));
		}
		if (function.containsKey("Condition")) {
			return condition((String) function.get("Condition"), parameters);
		}
		throw new IllegalArgumentException("Not a condition: " + condition);
	}

	/**
	 * The rules ({@code Rules}) that the given parameter values (the others at their defaults) break: CloudFormation
	 * refuses to deploy with them, saying each rule's assertion description.
	 */
	public List<String> brokenRules(Map<String, String> parameters) {
		List<String> broken = new ArrayList<>();
		section("Rules").forEach((name, rule) -> {
			Object when = map(rule).get("RuleCondition");
			if (when == null || holds(when, parameters)) {
				list(map(rule).get("Assertions")).stream()
					.filter(assertion -> !holds(map(assertion).get("Assert"), parameters))
					.forEach(assertion -> broken.add(name));
			}
		});
		return broken;
	}

	/**
	 * A value as CloudFormation sees it for the given parameter values (the others at their defaults): each
	 * {@code Fn::If} replaced by the branch its condition picks, and {@code AWS::NoValue} left out of maps and lists.
	 */
	public Object resolved(Object value, Map<String, String> parameters) {
		if (value instanceof Map<?, ?> && map(value).containsKey("Fn::If")) {
			List<Object> choice = list(map(value).get("Fn::If"));
			return resolved(condition((String) choice.get(0), parameters) ? choice.get(1) : choice.get(2), parameters);
		}
		if (value instanceof Map<?, ?>) {
			Map<String, Object> resolved = new LinkedHashMap<>();
			map(value).forEach((key, each) -> {
				Object kept = resolved(each, parameters);
				if (!NO_VALUE.equals(kept)) {
					resolved.put(key, kept);
				}
			});
			return resolved;
		}
		if (value instanceof List<?>) {
			return list(value).stream().map(each -> resolved(each, parameters)).filter(kept -> !NO_VALUE.equals(kept))
				.toList();
		}
		return value;
	}

	/**
	 * The names a value refers to ({@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub}), as CloudFormation sees it for
	 * the given parameter values: a resource's logical id (of {@code Function.Alias} or {@code Api.Stage}, SAM's
	 * references, the resource's), a parameter's or a pseudo parameter's name; none of a branch not taken.
	 */
	public Set<String> references(Object value, Map<String, String> parameters) {
		Set<String> names = new TreeSet<>();
		collectReferences(resolved(value, parameters), names);
		return names;
	}

	private static void collectReferences(Object value, Set<String> names) {
		if (value instanceof Map<?, ?>) {
			Map<String, Object> function = map(value);
			if (function.get("Ref") instanceof String name) {
				names.add(logicalId(name));
			}
			else if (function.containsKey("Fn::GetAtt")) {
				Object target = function.get("Fn::GetAtt");
				names.add(logicalId((target instanceof String name) ? name : list(target).get(0).toString()));
			}
			else if (function.containsKey("Fn::Sub")) {
				List<Object> sub = list(function.get("Fn::Sub"));
				Matcher matcher = SUBSTITUTION.matcher(sub.get(0).toString());
				Map<String, Object> variables = (sub.size() > 1) ? map(sub.get(1)) : Map.of();
				while (matcher.find()) {
					if (matcher.group(1).isEmpty() && !variables.containsKey(matcher.group(2))) {
						names.add(logicalId(matcher.group(2)));
					}
				}
				variables.values().forEach(variable -> collectReferences(variable, names));
			}
			else {
				function.values().forEach(each -> collectReferences(each, names));
			}
		}
		else if (value instanceof List<?>) {
			list(value).forEach(each -> collectReferences(each, names));
		}
	}

	private static String logicalId(String name) {
		return name.startsWith("AWS::") ? name : name.split("\\.", 2)[0];
	}

	private String value(Object operand, Map<String, String> parameters) {
		if (!(operand instanceof Map<?, ?>)) {
			return String.valueOf(operand);
		}
		String parameter = (String) map(operand).get("Ref");
		if (parameter == null || !section("Parameters").containsKey(parameter)) {
			throw new IllegalArgumentException("Not a parameter value: " + operand);
		}
		return parameters.getOrDefault(parameter, String.valueOf(map(section("Parameters").get(parameter)).get("Default")));
	}

	public Map<String, Object> properties(String logicalId) {
		return map(map(section("Resources").get(logicalId)).get("Properties"));
	}

	/**
	 * A value as text, each reference in it written {@code <Name>}: {@code !Ref X} reads {@code <X>} and
	 * {@code !Sub "a${X.Arn}b"} reads {@code a<X.Arn>b}. Fails on a reference to a name the template does not
	 * declare, as CloudFormation would.
	 */
	public String text(Object value) {
		if (value instanceof String text) {
			return text;
		}
		Map<String, Object> function = map(value);
		if (function.containsKey("Ref")) {
			return reference((String) function.get("Ref"));
		}
		if (function.get("Fn::Sub") instanceof String text) {
			Matcher matcher = SUBSTITUTION.matcher(text);
			StringBuilder substituted = new StringBuilder();
			while (matcher.find()) {
				// ${!Literal} is how a template writes a literal ${Literal}.
				String replacement = matcher.group(1).isEmpty() ? reference(matcher.group(2))
						: "${" + matcher.group(2) + "}";
				matcher.appendReplacement(substituted, Matcher.quoteReplacement(replacement));
			}
			return matcher.appendTail(substituted).toString();
		}
		throw new IllegalArgumentException("Not text: " + value);
	}

	private String reference(String name) {
		String declared = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
		if (!PSEUDO_PARAMETERS.contains(name) && !section("Parameters").containsKey(name)
				&& !section("Resources").containsKey(declared)) {
			throw new IllegalArgumentException("Nothing named " + name + " in the template");
		}
		return "<" + name + ">";
	}

	/**
	 * The metrics and expressions an alarm evaluates: its {@code Metrics}, or its single metric as one query
	 * without an id.
	 */
	public List<MetricQuery> alarmQueries(String logicalId) {
		Map<String, Object> alarm = properties(logicalId);
		if (!alarm.containsKey("Metrics")) {
			return List.of(new MetricQuery(null, metric(alarm, (String) alarm.get("Statistic")),
					(Integer) alarm.get("Period"), null, true));
		}
		return list(alarm.get("Metrics")).stream().map(DeploymentTemplate::map).map(query -> {
			Map<String, Object> stat = map(query.get("MetricStat"));
			MetricQuery.Metric metric = stat.isEmpty() ? null : metric(map(stat.get("Metric")), (String) stat.get("Stat"));
			return new MetricQuery((String) query.get("Id"), metric, (Integer) stat.get("Period"),
					(String) query.get("Expression"), !Boolean.FALSE.equals(query.get("ReturnData")));
		}).toList();
	}

	private MetricQuery.Metric metric(Map<String, Object> metric, String stat) {
		Map<String, String> dimensions = new LinkedHashMap<>();
		list(metric.get("Dimensions"))
			.forEach(dimension -> dimensions.put(text(map(dimension).get("Name")), text(map(dimension).get("Value"))));
		return new MetricQuery.Metric(text(metric.get("Namespace")), text(metric.get("MetricName")), dimensions, stat);
	}

	/**
	 * A dashboard's body as JSON data, with references written as {@link #text(Object)} writes them.
	 */
	public Map<String, Object> dashboard(String logicalId) {
		return map(TestJson.MAPPER.readValue(text(properties(logicalId).get("DashboardBody")), Map.class));
	}

	@SuppressWarnings("unchecked")
	public static Map<String, Object> map(Object value) {
		return (value instanceof Map<?, ?>) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	public static List<Object> list(Object value) {
		return (value instanceof List<?>) ? (List<Object>) value : (value != null) ? List.of(value) : List.of();
	}

	public static Map<String, Object> ref(String name) {
		return Map.of("Ref", name);
	}

	private static final class CloudFormationConstructor extends SafeConstructor {

		private CloudFormationConstructor() {
			super(new LoaderOptions());
			this.yamlMultiConstructors.put("!", new AbstractConstruct() {
				@Override
				public Object construct(Node node) {
					String function = node.getTag().getValue().substring(1);
					String key = (function.equals("Ref") || function.equals("Condition")) ? function : "Fn::" + function;
					Object value;
					if (node instanceof ScalarNode scalar) {
						value = constructScalar(scalar);
					}
					else if (node instanceof SequenceNode sequence) {
						value = new ArrayList<>(constructSequence(sequence));
					}
					else {
						value = constructMapping((MappingNode) node);
					}
					return Map.of(key, value);
				}
			});
		}

	}

}
