package dev.bulwark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What runs on GitHub: CI runs the README's test command on a clean runner and publishes the SBOM the build writes
 * and the test reports; every pull request gets a dependency review; Dependabot watches every manifest the
 * repository has.
 */
class RepositoryAutomationTests {

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	@Test
	void ciRunsTheReadmeTestCommandOnJava17WithTheMavenCache() throws IOException {
		JsonNode ci = yaml(".github/workflows/ci.yml");
		List<JsonNode> steps = steps(ci);

		assertThat(ci.get("on").has("push")).isTrue();
		assertThat(ci.get("on").has("pull_request")).isTrue();
		assertThat(ci.at("/permissions/contents").asString()).isEqualTo("read");
		JsonNode java = uses(steps, "actions/setup-java").get("with");
		assertThat(java.get("java-version").asString()).isEqualTo("17");
		assertThat(java.get("cache").asString()).isEqualTo("maven");
		assertThat(steps).anyMatch(step -> step.path("run").asString().endsWith(" bash .ci/run"));
		assertThat(Files.readString(Path.of(".ci/run"))).contains("\n" + readmeTestCommand() + "\n");
	}

	@Test
	void ciPublishesTheSbomTheBuildWritesAndTheTestReports() throws IOException {
		List<JsonNode> uploads = steps(yaml(".github/workflows/ci.yml")).stream()
			.filter(step -> step.path("uses").asString().startsWith("actions/upload-artifact@"))
			.toList();
		String sbom = uploads.stream()
			.filter(step -> step.at("/with/name").asString().equals("sbom"))
			.findFirst()
			.orElseThrow()
			.at("/with/path")
			.asString();

		// Written at generate-resources, so already there when unit tests run.
		assertThat(Path.of(sbom)).isRegularFile();
		JsonNode reports = uploads.stream()
			.filter(step -> step.at("/with/name").asString().equals("test-reports"))
			.findFirst()
			.orElseThrow();
		assertThat(reports.get("if").asString()).isEqualTo("always()");
		assertThat(reports.at("/with/path").asString()).contains("target/surefire-reports/", "target/failsafe-reports/");
	}

	@Test
	void everyPullRequestGetsADependencyReviewThatFailsOnKnownVulnerabilities() throws IOException {
		JsonNode review = yaml(".github/workflows/dependency-review.yml");
		JsonNode step = uses(steps(review), "actions/dependency-review-action");

		assertThat(review.get("on").has("pull_request")).isTrue();
		assertThat(step.at("/with/fail-on-severity").asString()).isIn("low", "moderate");
	}

	@Test
	void dependabotWatchesEveryManifest() throws IOException {
		Set<String> watched = new TreeSet<>();
		yaml(".github/dependabot.yml").get("updates")
			.valueStream()
			.forEach(update -> watched.add(update.get("package-ecosystem").asString() + " "
					+ update.get("directory").asString()));

		Set<String> manifests = new TreeSet<>(Set.of("maven /", "docker /", "github-actions /"));
		try (Stream<Path> peers = Files.list(Path.of("bench/peers"))) {
			peers.forEach(peer -> {
				if (Files.exists(peer.resolve("pom.xml"))) {
					manifests.add("maven /" + peer.toString().replace('\\', '/'));
				}
				if (Files.exists(peer.resolve("package.json"))) {
					manifests.add("npm /" + peer.toString().replace('\\', '/'));
				}
			});
		}
		assertThat(watched).isEqualTo(manifests);
	}

	private static String readmeTestCommand() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		String section = readme.substring(readme.indexOf("## Test it"));
		int start = section.indexOf("```bash\n") + "```bash\n".length();
		return section.substring(start, section.indexOf("\n```", start));
	}

	private static JsonNode yaml(String file) throws IOException {
		return YAML.readTree(Files.readString(Path.of(file)));
	}

	private static List<JsonNode> steps(JsonNode workflow) {
		List<JsonNode> steps = new ArrayList<>();
		workflow.get("jobs").valueStream().forEach(job -> job.get("steps").valueStream().forEach(steps::add));
		return steps;
	}

	private static JsonNode uses(List<JsonNode> steps, String action) {
		return steps.stream()
			.filter(step -> step.path("uses").asString().startsWith(action + "@"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No step uses " + action));
	}

}
