package dev.bulwark.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.PersonalData;
import dev.bulwark.support.TestJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads everything the integration tests logged — both runtimes in the test JVM, and the packaged function in its
 * fresh JVMs — and fails on a token, a password or secret of the dev realm, or the personal data the tests put in
 * orders. Runs in a Failsafe execution of its own, after all the others (see the pom).
 */
class LogScanIT {

	/** A JWT's header and payload: what any access, ID or refresh token starts with. */
	private static final Pattern TOKEN = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");

	private static final Path OUTPUTS = Path.of("target", "failsafe-reports");

	@Test
	void noTokenSecretOrPersonalDataInAnyLogLineOfTheRun() throws IOException {
		List<Path> outputs = outputs();
		List<String> forbidden = new ArrayList<>(devRealmSecrets());
		forbidden.addAll(PersonalData.ALL);
		List<String> hits = new ArrayList<>();
		long auditLines = 0;

		for (Path output : outputs) {
			List<String> content = Files.readAllLines(output, StandardCharsets.UTF_8);
			auditLines += content.stream().filter(line -> line.contains("bulwark.audit")).count();
			for (int i = 0; i < content.size(); i++) {
				String line = content.get(i);
				String where = output.getFileName() + ":" + (i + 1);
				if (TOKEN.matcher(line).find()) {
					hits.add(where + " has a token");
				}
				forbidden.stream().filter(line::contains).forEach(value -> hits.add(where + " has " + value));
			}
		}

		assertThat(auditLines).as("audit lines in the integration tests' output (none: nothing was scanned)").isPositive();
		assertThat(hits).isEmpty();
	}

	private static List<Path> outputs() throws IOException {
		try (Stream<Path> files = Files.list(OUTPUTS)) {
			return files.filter(file -> file.getFileName().toString().endsWith("-output.txt")).sorted().toList();
		}
	}

	/**
	 * The users' passwords and OTP secrets and the clients' secrets of the local dev realm, read from the realm
	 * file itself.
	 */
	private static List<String> devRealmSecrets() {
		JsonNode realm = TestJson.MAPPER.readTree(read(Path.of("keycloak-realm", "bulwark-realm.json")));
		List<String> secrets = new ArrayList<>();
		realm.path("users").forEach(user -> user.path("credentials").forEach(credential -> {
			if (credential.hasNonNull("value")) {
				secrets.add(credential.get("value").asString());
			}
			if (credential.hasNonNull("secretData")) {
				secrets.add(TestJson.MAPPER.readTree(credential.get("secretData").asString()).get("value").asString());
			}
		}));
		realm.path("clients").forEach(client -> {
			if (client.hasNonNull("secret")) {
				secrets.add(client.get("secret").asString());
			}
		});
		assertThat(secrets).as("the dev realm's passwords and secrets")
			.hasSizeGreaterThanOrEqualTo(9)
			.noneMatch(String::isBlank);
		return secrets;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
