package dev.bulwark.security;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bulwark.support.DPoPKey;
import dev.bulwark.support.DevRealm;
import dev.bulwark.support.Http;
import dev.bulwark.support.KeycloakServer;
import dev.bulwark.support.NewRealmUser;
import dev.bulwark.support.TestJson;
import dev.bulwark.support.Tokens;
import dev.bulwark.support.Tokens.Person;
import dev.bulwark.support.Tokens.SignIn;
import dev.bulwark.support.Tokens.SignedIn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

/**
 * The dev realm, as Keycloak actually serves it, is configured the way the README says: people can only sign in
 * with the authorization code flow and PKCE, a second factor on request and always for staff, access tokens live
 * five minutes, brute-force detection is on and counts wrong one-time codes.
 */
class RealmConfigurationIT {

	private static final JsonMapper JSON = TestJson.MAPPER;

	private final KeycloakServer keycloak = KeycloakServer.shared();

	@Test
	void webClientRefusesThePasswordGrant() {
		HttpResponse<String> response = Http.send(Http
			.formPost(URI.create(this.keycloak.tokenEndpoint(DevRealm.NAME)), Map.of("grant_type", "password",
					"client_id", DevRealm.WEB_CLIENT, "username", "alice", "password", DevRealm.password("alice")))
			.build());

		assertThat(response.statusCode()).isIn(400, 401);
		assertThat(JSON.readTree(response.body()).get("error").asString()).isEqualTo("unauthorized_client");
	}

	@Test
	void webClientRequiresPkce() {
		HttpResponse<String> response = Http.send(HttpRequest
			.newBuilder(URI.create(this.keycloak.issuer(DevRealm.NAME) + "/protocol/openid-connect/auth?client_id="
					+ DevRealm.WEB_CLIENT + "&response_type=code&scope=openid&redirect_uri="
					+ URLEncoder.encode(DevRealm.WEB_REDIRECT_URI, StandardCharsets.UTF_8)))
			.build());

		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location").orElseThrow()).startsWith(DevRealm.WEB_REDIRECT_URI)
			.contains("error=invalid_request")
			.contains("code_challenge_method");
	}

	/**
	 * Keycloak sends people back only to registered addresses: to the local run's developer portal it does (here
	 * with the PKCE error, as no challenge was sent), to an address it does not know it does not.
	 */
	@Test
	void localRunPortalIsARegisteredRedirectOfTheWebClient() {
		HttpResponse<String> portal = authorizationRequest(DevRealm.PORTAL_REDIRECT_URI);
		HttpResponse<String> elsewhere = authorizationRequest("http://localhost:8081/docs/oauth2-redirect.html");

		assertThat(portal.statusCode()).isEqualTo(302);
		assertThat(portal.headers().firstValue("Location").orElseThrow()).startsWith(DevRealm.PORTAL_REDIRECT_URI);
		assertThat(elsewhere.statusCode()).isEqualTo(400);
	}

	private HttpResponse<String> authorizationRequest(String redirectUri) {
		return Http.send(HttpRequest
			.newBuilder(URI.create(this.keycloak.issuer(DevRealm.NAME) + "/protocol/openid-connect/auth?client_id="
					+ DevRealm.WEB_CLIENT + "&response_type=code&scope=openid&redirect_uri="
					+ URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)))
			.build());
	}

	@Test
	void accessTokensLiveFiveMinutes() {
		JsonNode tokens = Tokens.shared().signIn("bob");

		assertThat(tokens.get("expires_in").asInt()).isEqualTo(300);
	}

	@Test
	void bruteForceDetectionIsOn() {
		JsonNode settings = Http.getJson(this.keycloak.adminApi(DevRealm.NAME), Tokens.shared().masterRealmAdmin());

		assertThat(settings.get("bruteForceProtected").asBoolean()).isTrue();
		assertThat(settings.get("failureFactor").asInt()).isEqualTo(5);
		assertThat(settings.get("accessTokenLifespan").asInt()).isEqualTo(300);
	}

	@Test
	void passwordSignInSaysPasswordAndWhen() {
		JsonNode claims = claims(Tokens.shared().signIn("alice", SignIn.withoutOtp()));

		assertThat(claims.get("acr").asString()).isEqualTo("password");
		assertThat(claims.get("auth_time").asLong()).isCloseTo(Instant.now().getEpochSecond(), within(60L));
	}

	@Test
	void signInAskedForMfaTakesTheOneTimeCodeAndSaysMfa() {
		JsonNode claims = claims(Tokens.shared().signIn("bob", SignIn.withMfa()));

		assertThat(claims.get("acr").asString()).isEqualTo("mfa");
	}

	@Test
	void staffCannotSignInWithoutTheOneTimeCode() {
		for (String staff : new String[] { "carol", "dave" }) {
			assertThatIllegalStateException().as(staff)
				.isThrownBy(() -> Tokens.shared().signIn(staff, SignIn.withoutOtp()))
				.withMessageContaining("kc-otp-login-form");
		}
	}

	@Test
	void staffSignInAlwaysTakesTheCodeOnceAndSaysMfa() {
		for (SignIn request : new SignIn[] { SignIn.withPassword(), SignIn.withMfa() }) {
			SignedIn signedIn = Tokens.shared().browser("dave").signIn(request);

			assertThat(signedIn.forms()).as(request.toString()).containsExactly("username", "password", "otp");
			assertThat(claims(signedIn.tokens()).get("acr").asString()).isEqualTo("mfa");
		}
	}

	@Test
	void customerStepsUpInTheSameSessionWithTheCodeAlone() {
		Tokens.Browser browser = Tokens.shared().browser("alice");

		assertThat(browser.signIn(SignIn.withPassword()).forms()).containsExactly("username", "password");
		SignedIn steppedUp = browser.signIn(SignIn.withMfa());

		assertThat(steppedUp.forms()).containsExactly("otp");
		assertThat(claims(steppedUp.tokens()).get("acr").asString()).isEqualTo("mfa");
	}

	@Test
	void wrongOneTimeCodesCountAsFailedSignInsAndLockTheUserOut() {
		try (NewRealmUser user = NewRealmUser.customer()) {
			Person guessing = new Person(user.person().username(), user.person().password(), "not-the-secret");
			for (int attempt = 1; attempt <= 5; attempt++) {
				assertThatIllegalStateException().isThrownBy(() -> Tokens.shared().signIn(guessing, SignIn.withMfa()));
			}

			assertThat(user.bruteForceStatus().get("disabled").asBoolean()).isTrue();
			assertThatIllegalStateException().as("the right code no longer helps")
				.isThrownBy(() -> Tokens.shared().signIn(user.person(), SignIn.withMfa()));
		}
	}

	@Test
	void commandLineClientGetsNoTokenWithoutDPoPProof() {
		Tokens.Browser browser = Tokens.shared()
			.browser(person("alice"), new Tokens.Client(DevRealm.CLI_CLIENT, DevRealm.CLI_REDIRECT_URI, null));

		assertThatIllegalStateException().isThrownBy(() -> browser.signIn(SignIn.withPassword()))
			.withMessageContaining("400")
			.withMessageContaining("DPoP");
	}

	@Test
	void commandLineClientTokensAreBoundToTheKeyOfTheProof() {
		DPoPKey key = DPoPKey.generate();

		JsonNode tokens = Tokens.shared().browser(person("alice"), Tokens.Client.cli(key)).signIn(SignIn.withPassword())
			.tokens();

		assertThat(tokens.get("token_type").asString()).isEqualTo("DPoP");
		JsonNode claims = claims(tokens);
		assertThat(claims.at("/cnf/jkt").asString()).isEqualTo(key.thumbprint());
		assertThat(claims.get("typ").asString()).isEqualTo("DPoP");
		assertThat(claims.get("azp").asString()).isEqualTo(DevRealm.CLI_CLIENT);
	}

	private static Person person(String username) {
		return new Person(username, DevRealm.password(username), DevRealm.otpSecret(username));
	}

	private static JsonNode claims(JsonNode tokens) {
		String payload = tokens.get("access_token").asString().split("\\.")[1];
		return JSON.readTree(Base64.getUrlDecoder().decode(payload));
	}

}
