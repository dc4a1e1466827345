package dev.bulwark;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import dev.bulwark.support.InfrastructureSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} runs what the tests run: the same Keycloak version with the same realm file, and
 * the same DynamoDB Local version.
 */
class DockerComposeTests {

	private static Map<String, Map<String, Object>> services;

	private static final Properties versions = InfrastructureSettings.load();

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void readComposeFile() throws IOException {
		try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
			Map<String, Object> compose = new Yaml().load(reader);
			services = (Map<String, Map<String, Object>>) compose.get("services");
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void keycloakIsTheTestedVersionWithTheDevRealm() {
		Map<String, Object> keycloak = services.get("keycloak");

		assertThat(keycloak.get("image")).isEqualTo("quay.io/keycloak/keycloak:" + versions.getProperty("keycloak.version"));
		assertThat((List<Object>) keycloak.get("command")).contains("--import-realm");
		assertThat((List<Object>) keycloak.get("volumes")).contains("./keycloak-realm:/opt/keycloak/data/import:ro");
	}

	@Test
	void dynamoDbLocalIsTheTestedVersion() {
		assertThat(services.get("dynamodb").get("image"))
			.isEqualTo("amazon/dynamodb-local:" + versions.getProperty("dynamodb-local.version"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void applicationTrustsOnlyTheDevRealmForItsOwnAudience() {
		Map<String, Object> environment = (Map<String, Object>) services.get("bulwark").get("environment");

		assertThat(environment.get("BULWARK_ISSUER_URI")).isEqualTo("http://localhost:8180/realms/bulwark");
		assertThat(environment.get("BULWARK_AUDIENCE")).isEqualTo("bulwark-api");
	}

}
