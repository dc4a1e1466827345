package dev.bulwark.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code infrastructure.properties}: the Keycloak and DynamoDB Local versions the pom pins, and where the build
 * unpacked Keycloak. Maven fills it in, so tests, the local run and the docker-compose check share one truth.
 */
public final class InfrastructureSettings {

	private InfrastructureSettings() {
	}

	public static Properties load() {
		try (InputStream in = InfrastructureSettings.class.getResourceAsStream("/infrastructure.properties")) {
			if (in == null) {
				throw new IllegalStateException("infrastructure.properties is missing: run the build through Maven");
			}
			Properties properties = new Properties();
			properties.load(in);
			return properties;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
