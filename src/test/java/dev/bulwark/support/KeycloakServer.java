package dev.bulwark.support;

import java.nio.file.Path;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Keycloak of a JVM (a test run or a local run), with the Bulwark realm imported. Where a Docker engine
 * answers it is a Testcontainers container; otherwise the Keycloak distribution that Maven unpacked into
 * {@code target/keycloak}. Both use the Keycloak version of the pom.
 */
public interface KeycloakServer {

	/** The base URL, e.g. {@code http://localhost:35121}. */
	String baseUrl();

	String adminUsername();

	String adminPassword();

	default String issuer(String realm) {
		return baseUrl() + "/realms/" + realm;
	}

	default String tokenEndpoint(String realm) {
		return issuer(realm) + "/protocol/openid-connect/token";
	}

	/** Where a realm is managed over Keycloak's admin REST API. */
	default String adminApi(String realm) {
		return baseUrl() + "/admin/realms/" + realm;
	}

	/**
	 * The shared server, started on first use and stopped when the JVM exits.
	 */
	static KeycloakServer shared() {
		return Holder.SERVER;
	}

	final class Holder {

		// Before SERVER: start() logs.
		private static final Logger LOG = LoggerFactory.getLogger(KeycloakServer.class);

		private static final KeycloakServer SERVER = start();

		private Holder() {
		}

		private static KeycloakServer start() {
			Properties settings = InfrastructureSettings.load();
			String version = settings.getProperty("keycloak.version");
			if (DockerEngine.answers()) {
				LOG.info("Keycloak {} in a Testcontainers container: a Docker engine answered", version);
				return KeycloakContainerServer.start(version, DevRealm.RESOURCE);
			}
			Path home = Path.of(settings.getProperty("keycloak.distribution"));
			LOG.info("Keycloak {} from the distribution in {}: no Docker engine answered", version, relativeToWorkingDirectory(home));
			return KeycloakDistribution.start(home, Path.of(settings.getProperty("keycloak.realm-file")));
		}

		private static Path relativeToWorkingDirectory(Path path) {
			Path workingDirectory = Path.of("").toAbsolutePath();
			return path.startsWith(workingDirectory) ? workingDirectory.relativize(path) : path;
		}

	}

}
