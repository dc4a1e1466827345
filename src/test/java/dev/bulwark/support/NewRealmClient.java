package dev.bulwark.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A confidential client that a realm admin adds to the dev realm over Keycloak's admin API, with nothing but
 * Keycloak's defaults (full scope, the realm's default client scopes) and a service account holding one of the
 * API's roles: the kind of client that Keycloak lets call the API unless the API itself says no. Deleted again on
 * {@link #close()}.
 */
public final class NewRealmClient implements AutoCloseable {

	private final KeycloakServer keycloak;

	private final String clientId;

	private final String secret;

	private final String location;

	private NewRealmClient(KeycloakServer keycloak, String clientId, String secret, String location) {
		this.keycloak = keycloak;
		this.clientId = clientId;
		this.secret = secret;
		this.location = location;
	}

	/**
	 * Adds a client whose service account has the given client role of {@code bulwark-api}.
	 */
	public static NewRealmClient withApiRole(String role) {
		KeycloakServer keycloak = KeycloakServer.shared();
		String admin = Tokens.shared().masterRealmAdmin();
		String clients = keycloak.adminApi(DevRealm.NAME) + "/clients";
		String clientId = "bulwark-tests-new-client-" + UUID.randomUUID();
		String secret = UUID.randomUUID().toString();
		String location = Http
			.postJson(clients, admin, Map.of("clientId", clientId, "secret", secret, "publicClient", false,
					"serviceAccountsEnabled", true, "standardFlowEnabled", false), 201)
			.headers()
			.firstValue("Location")
			.orElseThrow(() -> new IllegalStateException("Keycloak did not say where it added the client"));
		NewRealmClient client = new NewRealmClient(keycloak, clientId, secret, location);
		try {
			String serviceAccount = Http.getJson(location + "/service-account-user", admin).get("id").asString();
			String api = Http.getJson(clients + "?clientId=bulwark-api", admin).get(0).get("id").asString();
			JsonNode apiRole = Http.getJson(clients + "/" + api + "/roles/" + role, admin);
			Http.postJson(keycloak.adminApi(DevRealm.NAME) + "/users/" + serviceAccount + "/role-mappings/clients/" + api,
					admin, List.of(apiRole), 204);
		}
		catch (RuntimeException ex) {
			client.close();
			throw ex;
		}
		return client;
	}

	public String clientId() {
		return this.clientId;
	}

	/**
	 * A fresh access token for the client's service account (client credentials grant).
	 */
	public String accessToken() {
		return Http
			.postForm(this.keycloak.tokenEndpoint(DevRealm.NAME),
					Map.of("grant_type", "client_credentials", "client_id", this.clientId, "client_secret", this.secret))
			.get("access_token")
			.asString();
	}

	@Override
	public void close() {
		Http.delete(this.location, Tokens.shared().masterRealmAdmin(), 204);
	}

}
