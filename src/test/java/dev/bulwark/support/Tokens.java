package dev.bulwark.support;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Gets real tokens from Keycloak the way real clients do: people sign in through the {@code bulwark-web} client
 * with the authorization code flow and PKCE (S256), driven over HTTP against Keycloak's login form; the reporting
 * job uses the client credentials grant. Access tokens are cached until shortly before they expire.
 */
public final class Tokens {

	private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

	private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(60);

	private static final Tokens SHARED = new Tokens(KeycloakServer.shared());

	private final KeycloakServer keycloak;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, CachedToken> cache = new ConcurrentHashMap<>();

	private Tokens(KeycloakServer keycloak) {
		this.keycloak = keycloak;
	}

	public static Tokens shared() {
		return SHARED;
	}

	/**
	 * A valid access token for a user of the dev realm.
	 */
	public String user(String username) {
		return cached("user:" + username, () -> signIn(username));
	}

	/**
	 * A valid access token for a confidential client's service account.
	 */
	public String client(String clientId) {
		return cached("client:" + clientId, () -> clientCredentials(clientId));
	}

	/**
	 * Signs in afresh and returns the whole token response: access, ID and refresh tokens.
	 */
	public JsonNode signIn(String username) {
		String verifier = randomToken();
		String state = randomToken();
		URI authorize = UriComponentsBuilder
			.fromUriString(this.keycloak.issuer(DevRealm.NAME) + "/protocol/openid-connect/auth")
			.queryParam("client_id", DevRealm.WEB_CLIENT)
			.queryParam("response_type", "code")
			.queryParam("scope", "openid")
			.queryParam("redirect_uri", DevRealm.WEB_REDIRECT_URI)
			.queryParam("state", state)
			.queryParam("nonce", randomToken())
			.queryParam("code_challenge", challenge(verifier))
			.queryParam("code_challenge_method", "S256")
			.encode()
			.build()
			.toUri();
		HttpResponse<String> loginPage = Http.send(HttpRequest.newBuilder(authorize).GET().build(), 200);
		Matcher action = FORM_ACTION.matcher(loginPage.body());
		if (!action.find()) {
			throw new IllegalStateException("Keycloak did not show its login form: " + loginPage.body());
		}
		HttpResponse<String> redirect = Http
			.send(Http.formPost(URI.create(HtmlUtils.htmlUnescape(action.group(1))),
					Map.of("username", username, "password", DevRealm.password(username), "credentialId", ""))
				.header("Cookie", cookies(loginPage.headers()))
				.build(), 302);
		String location = redirect.headers().firstValue("Location").orElse("");
		Map<String, String> callback = UriComponentsBuilder.fromUriString(location).build().getQueryParams().toSingleValueMap();
		if (!state.equals(callback.get("state")) || callback.get("code") == null) {
			throw new IllegalStateException("Sign-in of " + username + " failed: " + location);
		}
		return Http.postForm(this.keycloak.tokenEndpoint(DevRealm.NAME), Map.of("grant_type", "authorization_code", "client_id", DevRealm.WEB_CLIENT,
				"code", callback.get("code"), "redirect_uri", DevRealm.WEB_REDIRECT_URI, "code_verifier", verifier));
	}

	private JsonNode clientCredentials(String clientId) {
		return Http.postForm(this.keycloak.tokenEndpoint(DevRealm.NAME), Map.of("grant_type", "client_credentials",
				"client_id", clientId, "client_secret", DevRealm.clientSecret(clientId)));
	}

	/**
	 * A token from Keycloak's {@code master} realm: genuine, but from another issuer.
	 */
	public String masterRealmAdmin() {
		return Http.postForm(this.keycloak.tokenEndpoint("master"),
				Map.of("grant_type", "password", "client_id", "admin-cli", "username", this.keycloak.adminUsername(),
						"password", this.keycloak.adminPassword()))
			.get("access_token")
			.asString();
	}

	private String cached(String key, Supplier<JsonNode> fetch) {
		CachedToken token = this.cache.get(key);
		if (token == null || Instant.now().isAfter(token.expiresAt().minus(REFRESH_BEFORE_EXPIRY))) {
			JsonNode response = fetch.get();
			token = new CachedToken(response.get("access_token").asString(),
					Instant.now().plusSeconds(response.get("expires_in").asLong()));
			this.cache.put(key, token);
		}
		return token.value();
	}

	/**
	 * Keycloak marks its cookies {@code Secure}, which Java's cookie handler will not send over plain HTTP to
	 * localhost (browsers do); so they are passed on by hand.
	 */
	private static String cookies(HttpHeaders headers) {
		return headers.allValues("Set-Cookie")
			.stream()
			.map(cookie -> cookie.substring(0, cookie.indexOf(';') > 0 ? cookie.indexOf(';') : cookie.length()))
			.collect(Collectors.joining("; "));
	}

	private String randomToken() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String challenge(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record CachedToken(String value, Instant expiresAt) {
	}

}
