package dev.bulwark.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.OpenApiContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route table of the README says, in its sign-in column, what the step-up policy of {@code application.yml}
 * requires of each route, and so does the OpenAPI document: the policy people read is the policy that runs.
 */
class StepUpDocumentationTests {

	/** A row of the route table: method, path, and the sign-in column (the third). */
	private static final Pattern ROW = Pattern
		.compile("^\\| `(GET|POST|PUT|DELETE) ([^`?]+)[^`]*` \\| [^|]+ \\| ([^|]+) \\|");

	@Test
	void readmeRouteTableShowsThePolicyOfEveryRoute() throws IOException {
		StepUpProperties configured = configuredPolicy();
		StepUpPolicy policy = new StepUpPolicy(configured);
		StepUpProperties.LargeOrder largeOrder = configured.largeOrder();
		List<String> readme = Files.readAllLines(Path.of("README.md"));

		int rows = 0;
		for (String line : readme) {
			Matcher row = ROW.matcher(line);
			if (row.find()) {
				String path = row.group(2).replace("{id}", "7b0c5f0e").replace("{endpoint}", "metrics");
				String documented = row.group(3).trim();
				String required = policy.requirementOf(new MockHttpServletRequest(row.group(1), path))
					.map(requirement -> "`" + requirement.acr() + "`"
							+ ((requirement.maxAge() != null) ? ", within " + requirement.maxAge().toSeconds() + " s"
									: ""))
					.orElse("any");
				if (line.startsWith("| `POST /orders` ")) {
					required += "; `" + largeOrder.acr() + "` for a total over " + largeOrder.above().toPlainString();
				}
				assertThat(documented).as(line).isEqualTo(required);
				rows++;
			}
		}
		assertThat(rows).as("rows of the README's route table").isGreaterThanOrEqualTo(10);
	}

	/**
	 * The OpenAPI document's {@code x-step-up} of each operation is the policy of its route: the same {@code acr},
	 * the same {@code max-age} in seconds, none where the policy asks for none. Placing an order names the large
	 * order rule's {@code acr} instead, with no age.
	 */
	@Test
	void openApiDocumentShowsThePolicyOfEveryOperation() throws IOException {
		StepUpProperties configured = configuredPolicy();
		StepUpPolicy policy = new StepUpPolicy(configured);

		for (String operation : OpenApiContract.shared().operations()) {
			String method = operation.substring(0, operation.indexOf(' '));
			String template = operation.substring(operation.indexOf(' ') + 1);
			JsonNode documented = OpenApiContract.shared().operationObject(operation).path("x-step-up");
			Optional<StepUpProperties.Route> required = policy
				.requirementOf(new MockHttpServletRequest(method, template.replaceAll("\\{[^}]+}", "7b0c5f0e")));
			if (operation.equals("POST /orders")) {
				assertThat(required).as(operation).isEmpty();
				assertThat(documented.path("acr").asString()).isEqualTo(configured.largeOrder().acr());
				assertThat(documented.has("max-age")).isEqualTo(configured.largeOrder().maxAge() != null);
				continue;
			}
			assertThat(documented.isMissingNode()).as(operation).isEqualTo(required.isEmpty());
			required.ifPresent(requirement -> {
				assertThat(documented.path("acr").asString()).as(operation).isEqualTo(requirement.acr());
				assertThat(documented.path("max-age").isMissingNode() ? null : documented.get("max-age").asLong())
					.as(operation)
					.isEqualTo((requirement.maxAge() != null) ? requirement.maxAge().toSeconds() : null);
			});
		}
	}

	private static StepUpProperties configuredPolicy() throws IOException {
		List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"));
		return new Binder(ConfigurationPropertySources.from(yaml))
			.bind("bulwark.security.step-up", StepUpProperties.class)
			.get();
	}

}
