package dev.bulwark.support;

import dasniko.testcontainers.keycloak.KeycloakContainer;

/**
 * Keycloak in a container, for machines with a Docker engine. Same image version as the distribution and as
 * {@code docker-compose.yml}.
 */
final class KeycloakContainerServer implements KeycloakServer {

	private final KeycloakContainer container;

	private KeycloakContainerServer(KeycloakContainer container) {
		this.container = container;
	}

	@SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
	static KeycloakContainerServer start(String version, String realmResource) {
		KeycloakContainer container = new KeycloakContainer("quay.io/keycloak/keycloak:" + version)
			.withRealmImportFile(realmResource);
		container.start();
		return new KeycloakContainerServer(container);
	}

	@Override
	public String baseUrl() {
		String url = this.container.getAuthServerUrl();
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	@Override
	public String adminUsername() {
		return this.container.getAdminUsername();
	}

	@Override
	public String adminPassword() {
		return this.container.getAdminPassword();
	}

}
