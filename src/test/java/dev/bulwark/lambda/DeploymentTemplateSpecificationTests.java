package dev.bulwark.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.DeploymentTemplate;
import dev.bulwark.support.TestJson;

import static dev.bulwark.support.DeploymentTemplate.list;
import static dev.bulwark.support.DeploymentTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every resource of {@code template.yaml} but SAM's (which the SAM transform turns into such resources) is one
 * CloudFormation knows: its type, every property name at every depth, and every required property given; a typo
 * would otherwise first show in a failed deployment. Held against the CloudFormation resource specification, as
 * much of it as the template uses ({@code src/test/resources/cloudformation}, where {@code subset.py} says how it
 * is made). A value computed by an intrinsic function is taken on trust, but both branches of an {@code Fn::If}
 * are checked.
 */
class DeploymentTemplateSpecificationTests {

	private final DeploymentTemplate template = DeploymentTemplate.load();

	private final JsonNode specification = specification();

	@Test
	void everyResourceIsOfATypeCloudFormationKnows() {
		this.template.section("Resources").forEach((id, resource) -> {
			String type = map(resource).get("Type").toString();
			if (!type.startsWith("AWS::Serverless::")) {
				assertThat(this.specification.path("ResourceTypes").has(type))
					.as("%s is of type %s, which the specification in src/test/resources/cloudformation does not have "
							+ "(subset.py there adds it)", id, type)
					.isTrue();
			}
		});
	}

	@Test
	void everyPropertyIsOneOfItsTypeAndEveryRequiredOneIsGiven() {
		List<String> problems = new ArrayList<>();
		this.template.section("Resources").forEach((id, resource) -> {
			String type = map(resource).get("Type").toString();
			JsonNode definition = this.specification.path("ResourceTypes").path(type);
			if (!definition.isMissingNode()) {
				check(type, map(resource).get("Properties"), definition.path("Properties"), id, problems);
			}
		});

		assertThat(problems).isEmpty();
	}

	private void check(String resourceType, Object value, JsonNode properties, String path, List<String> problems) {
		Map<String, Object> object = map(value);
		if (object.containsKey("Fn::If")) {
			List<Object> branches = list(object.get("Fn::If"));
			check(resourceType, branches.get(1), properties, path + "(then)", problems);
			check(resourceType, branches.get(2), properties, path + "(else)", problems);
			return;
		}
		if (object.containsKey("Ref") || object.keySet().stream().anyMatch(key -> key.startsWith("Fn::"))) {
			return;
		}
		object.forEach((name, property) -> {
			JsonNode definition = properties.path(name);
			if (definition.isMissingNode()) {
				problems.add(path + "." + name + ": no such property");
			}
			else {
				checkValue(resourceType, property, definition, path + "." + name, problems);
			}
		});
		properties.properties().forEach(property -> {
			if (property.getValue().path("Required").asBoolean() && !object.containsKey(property.getKey())) {
				problems.add(path + "." + property.getKey() + ": required, but not given");
			}
		});
	}

	private void checkValue(String resourceType, Object value, JsonNode definition, String path, List<String> problems) {
		if (definition.has("PrimitiveType") || definition.has("PrimitiveItemType")) {
			return;
		}
		String type = definition.path("Type").asString();
		if (type.equals("List") && value instanceof List<?> items) {
			for (int i = 0; i < items.size(); i++) {
				check(resourceType, items.get(i), propertyType(resourceType, definition.path("ItemType").asString()),
						path + "[" + i + "]", problems);
			}
		}
		else if (type.equals("Map") && value instanceof Map<?, ?>) {
			map(value).forEach((key, item) -> check(resourceType, item,
					propertyType(resourceType, definition.path("ItemType").asString()), path + "." + key, problems));
		}
		else if (!type.equals("List") && !type.equals("Map")) {
			check(resourceType, value, propertyType(resourceType, type), path, problems);
		}
	}

	/**
	 * The properties of a property type: the resource type's own of that name, or a shared one ({@code Tag}).
	 */
	private JsonNode propertyType(String resourceType, String name) {
		JsonNode types = this.specification.path("PropertyTypes");
		JsonNode own = types.path(resourceType + "." + name);
		return (own.isMissingNode() ? types.path(name) : own).path("Properties");
	}

	private static JsonNode specification() {
		try (InputStream in = DeploymentTemplateSpecificationTests.class
			.getResourceAsStream("/cloudformation/resource-specification.json")) {
			return TestJson.MAPPER.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
