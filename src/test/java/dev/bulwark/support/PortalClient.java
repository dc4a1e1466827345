package dev.bulwark.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dev realm's {@code bulwark-web} client, while a test runs the developer portal on a port of its own: the
 * portal's redirect URI and origin on that port are registered for as long as it runs, as a developer would
 * register them (the realm file has them for port 8080, the local run's).
 */
public final class PortalClient implements AutoCloseable {

	private final String location;

	private final String redirectUri;

	private final String origin;

	private PortalClient(String location, String redirectUri, String origin) {
		this.location = location;
		this.redirectUri = redirectUri;
		this.origin = origin;
	}

	public static PortalClient registerFor(String portalOrigin) {
		KeycloakServer keycloak = KeycloakServer.shared();
		String clients = keycloak.adminApi(DevRealm.NAME) + "/clients";
		String id = Http.getJson(clients + "?clientId=" + DevRealm.WEB_CLIENT, Tokens.shared().masterRealmAdmin())
			.get(0)
			.get("id")
			.asString();
		PortalClient client = new PortalClient(clients + "/" + id,
				portalOrigin + DeveloperPortal.PATH + "oauth2-redirect.html", portalOrigin);
		client.update(true);
		return client;
	}

	@Override
	public void close() {
		update(false);
	}

	private void update(boolean registered) {
		String admin = Tokens.shared().masterRealmAdmin();
		ObjectNode representation = (ObjectNode) Http.getJson(this.location, admin);
		edit((ArrayNode) representation.get("redirectUris"), this.redirectUri, registered);
		edit((ArrayNode) representation.get("webOrigins"), this.origin, registered);
		Http.putJson(this.location, admin, representation, 204);
	}

	private static void edit(ArrayNode values, String value, boolean present) {
		for (int i = values.size() - 1; i >= 0; i--) {
			JsonNode existing = values.get(i);
			if (existing.asString().equals(value)) {
				values.remove(i);
			}
		}
		if (present) {
			values.add(value);
		}
	}

}
