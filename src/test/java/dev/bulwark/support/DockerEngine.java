package dev.bulwark.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, asked through Testcontainers, which knows more places to find one than
 * {@code DOCKER_HOST} and the default socket, but with Testcontainers' logging off meanwhile: without an engine it
 * logs every place it tried as an ERROR, and a newcomer reads that as a failed run when it only means that the
 * Keycloak distribution is used instead.
 */
final class DockerEngine {

	private DockerEngine() {
	}

	static boolean answers() {
		if (!(LoggerFactory.getLogger("org.testcontainers") instanceof Logger testcontainers)) {
			return askTestcontainers();
		}
		Level level = testcontainers.getLevel();
		testcontainers.setLevel(Level.OFF);
		try {
			return askTestcontainers();
		}
		finally {
			testcontainers.setLevel(level);
		}
	}

	private static boolean askTestcontainers() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

}
