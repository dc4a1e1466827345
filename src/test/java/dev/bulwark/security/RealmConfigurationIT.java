package dev.bulwark.security;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bulwark.support.DevRealm;
import dev.bulwark.support.KeycloakServer;
import dev.bulwark.support.TestJson;
import dev.bulwark.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dev realm, as Keycloak actually serves it, is configured the way the README says: people can only sign in
 * with the authorization code flow and PKCE, access tokens live five minutes, brute-force detection is on.
 */
class RealmConfigurationIT {

	private static final JsonMapper JSON = TestJson.MAPPER;

	private final KeycloakServer keycloak = KeycloakServer.shared();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void webClientRefusesThePasswordGrant() throws Exception {
		HttpResponse<String> response = post(this.keycloak.issuer(DevRealm.NAME) + "/protocol/openid-connect/token",
				"grant_type=password&client_id=" + DevRealm.WEB_CLIENT + "&username=alice&password="
						+ URLEncoder.encode(DevRealm.password("alice"), StandardCharsets.UTF_8));

		assertThat(response.statusCode()).isIn(400, 401);
		assertThat(JSON.readTree(response.body()).get("error").asString()).isEqualTo("unauthorized_client");
	}

	@Test
	void webClientRequiresPkce() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest
			.newBuilder(URI.create(this.keycloak.issuer(DevRealm.NAME) + "/protocol/openid-connect/auth?client_id="
					+ DevRealm.WEB_CLIENT + "&response_type=code&scope=openid&redirect_uri="
					+ URLEncoder.encode(DevRealm.WEB_REDIRECT_URI, StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).startsWith(DevRealm.WEB_REDIRECT_URI)
			.contains("error=invalid_request")
			.contains("code_challenge_method");
	}

	@Test
	void accessTokensLiveFiveMinutes() {
		JsonNode tokens = Tokens.shared().signIn("bob");

		assertThat(tokens.get("expires_in").asInt()).isEqualTo(300);
	}

	@Test
	void bruteForceDetectionIsOn() throws Exception {
		HttpResponse<String> realm = this.http.send(HttpRequest
			.newBuilder(URI.create(this.keycloak.baseUrl() + "/admin/realms/" + DevRealm.NAME))
			.header("Authorization", "Bearer " + Tokens.shared().masterRealmAdmin())
			.build(), HttpResponse.BodyHandlers.ofString());

		JsonNode settings = JSON.readTree(realm.body());
		assertThat(settings.get("bruteForceProtected").asBoolean()).isTrue();
		assertThat(settings.get("failureFactor").asInt()).isEqualTo(5);
		assertThat(settings.get("accessTokenLifespan").asInt()).isEqualTo(300);
	}

	private HttpResponse<String> post(String url, String form) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
