package dev.bulwark.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.bulwark.security.AuthenticationFailure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus alerting rules ({@code monitoring/prometheus}) are valid, pass their own unit tests, and name only
 * outcomes and reasons the audit filter records. Needs {@code promtool} from Debian's {@code prometheus} package,
 * which {@code .ci/run} installs.
 */
class AlertRulesTests {

	private static final Path RULES = Path.of("monitoring", "prometheus", "alerts.yml");

	private static final Path RULE_TESTS = Path.of("monitoring", "prometheus", "alerts-test.yml");

	@Test
	void rulesAreValid() throws Exception {
		assertThat(promtool("check", "rules", RULES.toString())).contains("SUCCESS: 6 rules found");
	}

	@Test
	void rulesPassTheirUnitTests() throws Exception {
		assertThat(promtool("test", "rules", RULE_TESTS.toString())).contains("SUCCESS");
	}

	@Test
	void rulesNameOnlyOutcomesAndReasonsThatAreRecorded() throws IOException {
		String rules = Files.readString(RULES, StandardCharsets.UTF_8);
		Set<String> outcomes = Arrays.stream(Outcome.values()).map(Outcome::code).collect(Collectors.toSet());
		Set<String> reasons = Arrays.stream(AuthenticationFailure.values())
			.map(AuthenticationFailure::code)
			.collect(Collectors.toSet());

		assertThat(labelValues(rules, "outcome")).isNotEmpty().isSubsetOf(outcomes);
		assertThat(labelValues(rules, "reason")).isNotEmpty().isSubsetOf(reasons);
		assertThat(Pattern.compile("\\b(bulwark_\\w+)").matcher(rules).results().map(match -> match.group(1)))
			.containsOnly("bulwark_requests_seconds_count");
	}

	private static List<String> labelValues(String rules, String label) {
		Matcher matcher = Pattern.compile("\\b" + label + "(?:=|!=|=~|!~)\"([^\"]+)\"").matcher(rules);
		return matcher.results().flatMap(match -> Arrays.stream(match.group(1).split("\\|"))).toList();
	}

	private static String promtool(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("promtool"));
		command.addAll(List.of(arguments));
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException notInstalled) {
			throw new AssertionError("promtool is missing: apt-get install prometheus (.ci/run does)", notInstalled);
		}
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
