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

	public Map<String, Object> properties(String logicalId) {
		return map(map(section("Resources").get(logicalId)).get("Properties"));
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
					String key = function.equals("Ref") ? "Ref" : "Fn::" + function;
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
