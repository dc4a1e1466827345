package dev.bulwark.security;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claims below are copied from real Keycloak 26 access tokens of the dev realm.
 */
class KeycloakAuthoritiesConverterTests {

	private final KeycloakAuthoritiesConverter converter = new KeycloakAuthoritiesConverter("bulwark-api");

	@Test
	void mapsApiClientRolesAndScopesOfAUserToken() {
		Jwt jwt = jwt(Map.of("azp", "bulwark-web", "resource_access",
				Map.of("bulwark-api", Map.of("roles", List.of("customer"))), "scope", "openid email profile"));

		assertThat(names(this.converter.convert(jwt))).containsExactlyInAnyOrder("ROLE_customer", "SCOPE_openid",
				"SCOPE_email", "SCOPE_profile");
	}

	@Test
	void mapsRolesOfAServiceAccountToken() {
		Jwt jwt = jwt(Map.of("azp", "bulwark-reporting", "resource_access",
				Map.of("bulwark-api", Map.of("roles", List.of("orders:read"))), "scope", "email profile"));

		assertThat(names(this.converter.convert(jwt))).contains("ROLE_orders:read");
	}

	@Test
	void mapsRealmRolesApartFromApiRoles() {
		Jwt jwt = jwt(Map.of("realm_access", Map.of("roles", List.of("admin", "offline_access"))));

		assertThat(names(this.converter.convert(jwt))).containsExactlyInAnyOrder("REALM_admin", "REALM_offline_access")
			.doesNotContain("ROLE_admin");
	}

	@Test
	void noClaimYieldsASystemAuthority() {
		Jwt jwt = jwt(Map.of("resource_access", Map.of("bulwark-api", Map.of("roles", List.of("order-expiry"))),
				"realm_access", Map.of("roles", List.of("order-expiry")), "scope", "order-expiry"));

		assertThat(names(this.converter.convert(jwt))).noneMatch(name -> name.startsWith("SYSTEM_"));
	}

	@Test
	void ignoresClientRolesOfOtherClients() {
		Jwt jwt = jwt(Map.of("resource_access", Map.of("account", Map.of("roles", List.of("admin", "manage-account")),
				"bulwark-api", Map.of("roles", List.of("customer")))));

		assertThat(names(this.converter.convert(jwt))).containsExactly("ROLE_customer");
	}

	@Test
	void toleratesMissingAndMalformedClaims() {
		Jwt jwt = jwt(Map.of("resource_access", Map.of("bulwark-api", Map.of("roles", "admin")), "realm_access",
				List.of("admin")));

		assertThat(this.converter.convert(jwt)).isEmpty();
	}

	private static List<String> names(Collection<GrantedAuthority> authorities) {
		return authorities.stream().map(GrantedAuthority::getAuthority).toList();
	}

	private static Jwt jwt(Map<String, Object> claims) {
		return Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject("3ea46fe7-573c-449d-9995-ee81df0c3583")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(300))
			.claims(all -> all.putAll(claims))
			.build();
	}

}
