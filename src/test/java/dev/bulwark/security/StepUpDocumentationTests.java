package dev.bulwark.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route table of the README says, in its sign-in column, what the step-up policy of {@code application.yml}
 * requires of each route: the policy people read is the policy that runs.
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

	private static StepUpProperties configuredPolicy() throws IOException {
		List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"));
		return new Binder(ConfigurationPropertySources.from(yaml))
			.bind("bulwark.security.step-up", StepUpProperties.class)
			.get();
	}

}
