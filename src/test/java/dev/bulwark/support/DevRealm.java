package dev.bulwark.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.databind.JsonNode;

/**
 * The local development realm, {@code keycloak-realm/bulwark-realm.json}, read the way a developer reads the
 * README: the documented local-only passwords and client secret come from the realm file itself, so they live
 * in exactly one place.
 */
public final class DevRealm {

	/** The realm file on the test class path (the build copies {@code keycloak-realm/} there). */
	public static final String RESOURCE = "keycloak-realm/bulwark-realm.json";

	public static final String NAME = "bulwark";

	public static final String WEB_CLIENT = "bulwark-web";

	public static final String WEB_REDIRECT_URI = "http://localhost:3000/callback";

	/** Where Keycloak sends people back to the local run's developer portal after they sign in. */
	public static final String PORTAL_REDIRECT_URI = "http://localhost:8080/docs/oauth2-redirect.html";

	/** The command-line client: Keycloak issues it DPoP-bound tokens only. */
	public static final String CLI_CLIENT = "bulwark-cli";

	public static final String CLI_REDIRECT_URI = "http://127.0.0.1:8765/callback";

	public static final String REPORTING_CLIENT = "bulwark-reporting";

	public static final String METRICS_CLIENT = "bulwark-metrics";

	private static final JsonNode REALM = read();

	private DevRealm() {
	}

	public static String password(String username) {
		for (JsonNode credential : user(username).get("credentials")) {
			if (credential.get("type").asString().equals("password")) {
				return credential.get("value").asString();
			}
		}
		throw new IllegalArgumentException("User " + username + " has no password in the dev realm");
	}

	/**
	 * The user's OTP secret (local only, like the passwords): what an authenticator app would be given.
	 */
	public static String otpSecret(String username) {
		for (JsonNode credential : user(username).get("credentials")) {
			if (credential.get("type").asString().equals("otp")) {
				return TestJson.MAPPER.readTree(credential.get("secretData").asString()).get("value").asString();
			}
		}
		throw new IllegalArgumentException("User " + username + " has no OTP credential in the dev realm");
	}

	public static String clientSecret(String clientId) {
		for (JsonNode client : REALM.get("clients")) {
			if (client.get("clientId").asString().equals(clientId)) {
				return client.get("secret").asString();
			}
		}
		throw new IllegalArgumentException("No client " + clientId + " in the dev realm");
	}

	private static JsonNode user(String username) {
		for (JsonNode user : REALM.get("users")) {
			if (user.get("username").asString().equals(username)) {
				return user;
			}
		}
		throw new IllegalArgumentException("No user " + username + " in the dev realm");
	}

	private static JsonNode read() {
		try (InputStream in = DevRealm.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is not on the test class path");
			}
			return TestJson.MAPPER.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
