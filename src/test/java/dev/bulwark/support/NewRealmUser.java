package dev.bulwark.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A user that a realm admin adds to the dev realm over Keycloak's admin API, with a password and an OTP
 * authenticator, for tests that must not touch the shared users (locking one out, say). Deleted again on
 * {@link #close()}.
 */
public final class NewRealmUser implements AutoCloseable {

	private final KeycloakServer keycloak;

	private final Tokens.Person person;

	private final String id;

	private NewRealmUser(KeycloakServer keycloak, Tokens.Person person, String id) {
		this.keycloak = keycloak;
		this.person = person;
		this.id = id;
	}

	public static NewRealmUser customer() {
		KeycloakServer keycloak = KeycloakServer.shared();
		String admin = Tokens.shared().masterRealmAdmin();
		Tokens.Person person = new Tokens.Person("bulwark-tests-" + UUID.randomUUID(), UUID.randomUUID().toString(),
				UUID.randomUUID().toString());
		// The partial import takes an OTP credential as the realm file gives it; the users endpoint would not.
		Http.postJson(keycloak.adminApi(DevRealm.NAME) + "/partialImport", admin, Map.of("ifResourceExists", "FAIL",
				"users", List.of(Map.of("username", person.username(), "enabled", true, "email",
						person.username() + "@bulwark.test", "emailVerified", true, "firstName", "Test", "lastName",
						"User", "credentials",
						List.of(Map.of("type", "password", "value", person.password(), "temporary", false),
								Map.of("type", "otp", "userLabel", "test authenticator", "secretData",
										"{\"value\":\"" + person.otpSecret() + "\"}", "credentialData",
										"{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
												+ "\"algorithm\":\"HmacSHA1\"}")),
						"clientRoles", Map.of("bulwark-api", List.of("customer"))))),
				200);
		JsonNode found = Http.getJson(
				keycloak.adminApi(DevRealm.NAME) + "/users?exact=true&username=" + person.username(), admin);
		return new NewRealmUser(keycloak, person, found.get(0).get("id").asString());
	}

	public Tokens.Person person() {
		return this.person;
	}

	/**
	 * What Keycloak's brute-force detection says of the user: {@code disabled}, {@code numFailures}, ….
	 */
	public JsonNode bruteForceStatus() {
		return Http.getJson(this.keycloak.adminApi(DevRealm.NAME) + "/attack-detection/brute-force/users/" + this.id,
				Tokens.shared().masterRealmAdmin());
	}

	@Override
	public void close() {
		Http.delete(this.keycloak.adminApi(DevRealm.NAME) + "/users/" + this.id, Tokens.shared().masterRealmAdmin(),
				204);
	}

}
