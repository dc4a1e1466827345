package dev.bulwark.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A confidential client that a realm admin adds to the dev realm over Keycloak's admin API, with nothing but
 * Keycloak's defaults (full scope, the realm's default client scopes) and a service account holding one of the
 * API's roles: the kind of client that Keycloak lets call the API unless the API itself says no. Deleted again on
 * {@link #close()}.
 */
public final class NewRealmClient implements AutoCloseable {

	private static final JsonMapper JSON = TestJson.MAPPER;

	private static final HttpClient HTTP = HttpClient.newHttpClient();

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
		String clients = keycloak.baseUrl() + "/admin/realms/" + DevRealm.NAME + "/clients";
		String clientId = "bulwark-tests-new-client-" + UUID.randomUUID();
		String secret = UUID.randomUUID().toString();
		HttpResponse<String> created = send(admin, HttpRequest.newBuilder(URI.create(clients))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("clientId", clientId, "secret",
					secret, "publicClient", false, "serviceAccountsEnabled", true, "standardFlowEnabled", false)))));
		String location = created.headers().firstValue("Location").orElse("");
		if (created.statusCode() != 201 || location.isEmpty()) {
			throw new IllegalStateException("Could not add a client to the realm: " + created.statusCode());
		}
		NewRealmClient client = new NewRealmClient(keycloak, clientId, secret, location);
		String serviceAccount = json(send(admin, HttpRequest.newBuilder(URI.create(location + "/service-account-user"))))
			.get("id")
			.asString();
		String api = json(send(admin, HttpRequest.newBuilder(URI.create(clients + "?clientId=bulwark-api")))).get(0)
			.get("id")
			.asString();
		JsonNode apiRole = json(send(admin, HttpRequest.newBuilder(URI.create(clients + "/" + api + "/roles/" + role))));
		HttpResponse<String> granted = send(admin,
				HttpRequest
					.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/" + DevRealm.NAME + "/users/"
							+ serviceAccount + "/role-mappings/clients/" + api))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(List.of(apiRole)))));
		if (granted.statusCode() != 204) {
			client.close();
			throw new IllegalStateException("Could not grant the API role " + role + ": " + granted.statusCode());
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
		HttpResponse<String> response = send(HttpRequest
			.newBuilder(URI.create(this.keycloak.issuer(DevRealm.NAME) + "/protocol/openid-connect/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(Map
				.of("grant_type", "client_credentials", "client_id", this.clientId, "client_secret", this.secret)
				.entrySet()
				.stream()
				.map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"))))
			.build());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Token request failed (" + response.statusCode() + ")");
		}
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	@Override
	public void close() {
		send(Tokens.shared().masterRealmAdmin(), HttpRequest.newBuilder(URI.create(this.location)).DELETE());
	}

	private static JsonNode json(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Keycloak's admin API answered " + response.statusCode());
		}
		return JSON.readTree(response.body());
	}

	private static HttpResponse<String> send(String adminToken, HttpRequest.Builder request) {
		return send(request.header("Authorization", "Bearer " + adminToken).build());
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
