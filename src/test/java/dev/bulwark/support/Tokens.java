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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Gets real tokens from Keycloak the way real clients do: people sign in through the {@code bulwark-web} client
 * with the authorization code flow and PKCE (S256), driven over HTTP against Keycloak's login form; the reporting
 * job uses the client credentials grant. Access tokens are cached until shortly before they expire.
 */
public final class Tokens {

	/** Keycloak's username form, and its password form: the same form id, told apart by their fields. */
	private static final Pattern LOGIN_FORM = form("kc-form-login");

	private static final Pattern OTP_FORM = form("kc-otp-login-form");

	private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofSeconds(60);

	private static final Tokens SHARED = new Tokens(KeycloakServer.shared());

	private final KeycloakServer keycloak;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, CachedToken> cache = new ConcurrentHashMap<>();

	/** The last time step whose code each user signed in with. */
	private final Map<String, Long> lastStep = new HashMap<>();

	private Tokens(KeycloakServer keycloak) {
		this.keycloak = keycloak;
	}

	public static Tokens shared() {
		return SHARED;
	}

	/**
	 * A valid access token for a user of the dev realm, signed in with a password, and with the one-time code
	 * wherever Keycloak asks for it (staff always): {@code acr} is {@code password}.
	 */
	public String user(String username) {
		return cached("user:" + username, () -> signIn(username));
	}

	/**
	 * A valid access token of a sign-in with the second factor: {@code acr} is {@code mfa}, {@code auth_time} is
	 * recent.
	 */
	public String userWithMfa(String username) {
		return cached("mfa:" + username, () -> signIn(username, SignIn.withMfa()));
	}

	/**
	 * A valid DPoP-bound access token for a user of the dev realm, signed in with a password through the command
	 * line client, bound to {@code key}.
	 */
	public String userWithDPoP(String username, DPoPKey key) {
		return cached("dpop:" + username + ":" + key.thumbprint(), () -> browser(
				new Person(username, DevRealm.password(username), DevRealm.otpSecret(username)), Client.cli(key))
			.signIn(SignIn.withPassword())
			.tokens());
	}

	/**
	 * A valid DPoP-bound access token for a confidential client's service account, bound to {@code key}.
	 */
	public String clientWithDPoP(String clientId, DPoPKey key) {
		return cached("dpop-client:" + clientId + ":" + key.thumbprint(), () -> {
			String endpoint = this.keycloak.tokenEndpoint(DevRealm.NAME);
			return postForm(endpoint, Map.of("grant_type", "client_credentials", "client_id", clientId,
					"client_secret", DevRealm.clientSecret(clientId)), key.proof("POST", endpoint));
		});
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
		return signIn(username, SignIn.withPassword());
	}

	/**
	 * Signs in afresh as the request asks, answering Keycloak's forms: the password, and the one-time code when
	 * it is asked for (a code the user has not used yet, as Keycloak accepts each code once).
	 */
	public JsonNode signIn(String username, SignIn request) {
		return signIn(new Person(username, DevRealm.password(username), DevRealm.otpSecret(username)), request);
	}

	/**
	 * Signs in as somebody who is not one of the dev realm's own users (or with credentials of one's own).
	 */
	public JsonNode signIn(Person person, SignIn request) {
		return browser(person).signIn(request).tokens();
	}

	/**
	 * A browser of the person's at Keycloak: its cookies carry the single sign-on session from one sign-in to the
	 * next, as a real one does, so that a later sign-in asks only for what the session lacks.
	 */
	public Browser browser(String username) {
		return browser(new Person(username, DevRealm.password(username), DevRealm.otpSecret(username)));
	}

	public Browser browser(Person person) {
		return new Browser(person, Client.WEB);
	}

	/**
	 * A browser of the person's, signing in through {@code client}.
	 */
	public Browser browser(Person person, Client client) {
		return new Browser(person, client);
	}

	/**
	 * A public client of the dev realm that people sign in through, and the key its tokens are bound to, if any.
	 */
	public record Client(String id, String redirectUri, @Nullable DPoPKey key) {

		static final Client WEB = new Client(DevRealm.WEB_CLIENT, DevRealm.WEB_REDIRECT_URI, null);

		/** The command-line client, whose tokens are bound to the key. */
		public static Client cli(DPoPKey key) {
			return new Client(DevRealm.CLI_CLIENT, DevRealm.CLI_REDIRECT_URI, key);
		}

	}

	/**
	 * What a sign-in gave: the token response, and the forms Keycloak asked to be filled ({@code password},
	 * {@code otp}) on the way.
	 */
	public record SignedIn(JsonNode tokens, List<String> forms) {
	}

	public final class Browser {

		private final Person person;

		private final Client client;

		private final Map<String, String> cookies = new LinkedHashMap<>();

		private Browser(Person person, Client client) {
			this.person = person;
			this.client = client;
		}

		/**
		 * Starts an authorization request (code flow, PKCE) and answers each form Keycloak shows: the password,
		 * and the one-time code when it is asked for (one the user has not used yet, as Keycloak takes each code
		 * once).
		 */
		public SignedIn signIn(SignIn request) {
			String verifier = randomToken();
			String state = randomToken();
			UriComponentsBuilder authorize = UriComponentsBuilder
				.fromUriString(Tokens.this.keycloak.issuer(DevRealm.NAME) + "/protocol/openid-connect/auth")
				.queryParam("client_id", this.client.id())
				.queryParam("response_type", "code")
				.queryParam("scope", "openid")
				.queryParam("redirect_uri", this.client.redirectUri())
				.queryParam("state", state)
				.queryParam("nonce", randomToken())
				.queryParam("code_challenge", challenge(verifier))
				.queryParam("code_challenge_method", "S256");
			if (request.acrValues() != null) {
				authorize.queryParam("acr_values", request.acrValues());
			}
			if (request.maxAge() != null) {
				authorize.queryParam("max_age", request.maxAge().toSeconds());
			}
			HttpResponse<String> page = Http.send(HttpRequest.newBuilder(authorize.encode().build().toUri())
				.header("Cookie", String.join("; ", this.cookies.values()))
				.GET()
				.build());
			keep(this.cookies, page.headers());
			List<String> forms = new ArrayList<>();
			while (page.statusCode() == 200 && forms.size() < 4) {
				if (LOGIN_FORM.matcher(page.body()).find() && !page.body().contains("name=\"password\"")) {
					forms.add("username");
					page = submit(page, LOGIN_FORM, this.cookies, Map.of("username", this.person.username()));
				}
				else if (LOGIN_FORM.matcher(page.body()).find()) {
					forms.add("password");
					page = submit(page, LOGIN_FORM, this.cookies,
							Map.of("password", this.person.password(), "credentialId", ""));
				}
				else if (OTP_FORM.matcher(page.body()).find() && request.otp()) {
					forms.add("otp");
					long step = nextStep(this.person);
					page = submit(page, OTP_FORM, this.cookies,
							Map.of("otp", Totp.code(this.person.otpSecret(), step)));
					if (page.statusCode() == 302) {
						used(this.person, step);
					}
				}
				else {
					break;
				}
			}
			if (page.statusCode() != 302) {
				throw new IllegalStateException(
						"Sign-in of " + this.person.username() + " did not finish after " + forms + ": " + page.body());
			}
			String location = page.headers().firstValue("Location").orElse("");
			Map<String, String> callback = UriComponentsBuilder.fromUriString(location)
				.build()
				.getQueryParams()
				.toSingleValueMap();
			if (!state.equals(callback.get("state")) || callback.get("code") == null) {
				throw new IllegalStateException("Sign-in of " + this.person.username() + " failed: " + location);
			}
			String endpoint = Tokens.this.keycloak.tokenEndpoint(DevRealm.NAME);
			Map<String, String> exchange = Map.of("grant_type", "authorization_code", "client_id", this.client.id(),
					"code", callback.get("code"), "redirect_uri", this.client.redirectUri(), "code_verifier", verifier);
			return new SignedIn((this.client.key() != null)
					? postForm(endpoint, exchange, this.client.key().proof("POST", endpoint))
					: Http.postForm(endpoint, exchange), List.copyOf(forms));
		}

	}

	/**
	 * Posts the fields to the form of the page (200: Keycloak shows another form; 302: signed in).
	 */
	private static HttpResponse<String> submit(HttpResponse<String> page, Pattern form, Map<String, String> cookies,
			Map<String, String> fields) {
		Matcher action = form.matcher(page.body());
		if (!action.find()) {
			throw new IllegalStateException("Keycloak did not show the expected form: " + page.body());
		}
		HttpResponse<String> next = Http.send(Http.formPost(URI.create(HtmlUtils.htmlUnescape(action.group(1))), fields)
			.header("Cookie", String.join("; ", cookies.values()))
			.build());
		keep(cookies, next.headers());
		return next;
	}

	/**
	 * The time step of the user's next one-time code: Keycloak accepts the codes of the previous, current and next
	 * 30-second step, each once, so a user signing in often within a step gets the next unused one, and waits
	 * only when all three are spent.
	 */
	private long nextStep(Person person) {
		synchronized (this.lastStep) {
			long step = Math.max(Totp.step(Instant.now()) - 1,
					this.lastStep.getOrDefault(person.username(), Long.MIN_VALUE) + 1);
			while (step > Totp.step(Instant.now()) + 1) {
				sleep(Duration.ofSeconds(1));
			}
			return step;
		}
	}

	/**
	 * Keycloak took the code of this step: it will not take it again.
	 */
	private void used(Person person, long step) {
		synchronized (this.lastStep) {
			this.lastStep.merge(person.username(), step, Math::max);
		}
	}

	/**
	 * A token request with a DPoP proof (RFC 9449, section 5): Keycloak binds the token it issues to the proof's key.
	 */
	private static JsonNode postForm(String endpoint, Map<String, String> fields, String proof) {
		return TestJson.MAPPER
			.readTree(Http.send(Http.formPost(URI.create(endpoint), fields).header("DPoP", proof).build(), 200).body());
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
	 * localhost (browsers do); so they are kept, and passed on, by hand.
	 */
	private static void keep(Map<String, String> cookies, HttpHeaders headers) {
		for (String cookie : headers.allValues("Set-Cookie")) {
			String pair = cookie.substring(0, (cookie.indexOf(';') > 0) ? cookie.indexOf(';') : cookie.length());
			cookies.put(pair.substring(0, Math.max(pair.indexOf('='), 0)), pair);
		}
	}

	private static Pattern form(String id) {
		return Pattern.compile("<form[^>]*id=\"" + id + "\"[^>]*action=\"([^\"]+)\"");
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the next one-time code", ex);
		}
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

	/**
	 * Who signs in, with what.
	 *
	 * @param otpSecret the secret the one-time codes are computed from
	 */
	public record Person(String username, String password, String otpSecret) {
	}

	/**
	 * What a sign-in asks Keycloak for.
	 *
	 * @param acrValues the {@code acr_values} of the authorization request, if any
	 * @param maxAge the {@code max_age} of the authorization request, if any
	 * @param otp whether to enter the one-time code when Keycloak asks for it
	 */
	public record SignIn(@Nullable String acrValues, @Nullable Duration maxAge, boolean otp) {

		public static SignIn withPassword() {
			return new SignIn(null, null, true);
		}

		public static SignIn withMfa() {
			return new SignIn("mfa", null, true);
		}

		/**
		 * Stops at the one-time code form, if Keycloak shows one.
		 */
		public static SignIn withoutOtp() {
			return new SignIn(null, null, false);
		}

	}

}
