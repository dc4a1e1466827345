package dev.bulwark.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class CallerAuthenticationConverterTests {

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

	@Test
	void resolvesTheCallerOnceFromTheVerifiedToken() {
		CallerAuthenticationConverter converter = new CallerAuthenticationConverter(
				new KeycloakAuthoritiesConverter("bulwark-api"), (token, roles) -> roles.contains("customer") ? "gold" : "other");

		Caller caller = converter.convert(jwt(Map.of("sub", "f1c2", "preferred_username", "alice", "azp", "bulwark-web",
				"resource_access", Map.of("bulwark-api", Map.of("roles", List.of("customer"))), "realm_access",
				Map.of("roles", List.of("admin")), "scope", "openid email", "acr", "mfa", "auth_time", 1796040053L)))
			.caller();

		assertThat(caller).isEqualTo(new Caller("f1c2", "alice", "bulwark-web", Set.of("customer"),
				Set.of("openid", "email"), "gold", "033f6d14935a222725c64bd06983b67e", "mfa",
				Instant.ofEpochSecond(1796040053L)));
	}

	@Test
	void serviceAccountHasNoAuthenticationLevel() {
		Caller caller = new CallerAuthenticationConverter(new KeycloakAuthoritiesConverter("bulwark-api"),
				(token, roles) -> CallerTiers.DEFAULT)
			.convert(jwt(Map.of("sub", "sa", "azp", "bulwark-reporting")))
			.caller();

		assertThat(caller.acr()).isNull();
		assertThat(caller.authTime()).isNull();
	}

	@Test
	void keepsTheAuthoritiesMethodSecurityChecks() {
		CallerAuthentication authentication = new CallerAuthenticationConverter(
				new KeycloakAuthoritiesConverter("bulwark-api"), (token, roles) -> CallerTiers.DEFAULT)
			.convert(jwt(Map.of("sub", "f1c2", "resource_access",
					Map.of("bulwark-api", Map.of("roles", List.of("fulfillment"))))));

		assertThat(authentication.getAuthorities()).extracting(authority -> authority.getAuthority())
			.containsExactly("ROLE_fulfillment");
		assertThat(authentication.getName()).isEqualTo("f1c2");
		assertThat(authentication.isAuthenticated()).isTrue();
	}

	@Test
	void fingerprintIsTheStartOfTheTokensSha256() {
		// printf %s "$TOKEN" | sha256sum | cut -c1-32
		assertThat(TokenFingerprint.of(TOKEN)).isEqualTo("033f6d14935a222725c64bd06983b67e");
	}

	private static Jwt jwt(Map<String, Object> claims) {
		return Jwt.withTokenValue(TOKEN)
			.header("alg", "RS256")
			.claims(all -> all.putAll(claims))
			.issuedAt(Instant.parse("2026-11-30T08:00:00Z"))
			.expiresAt(Instant.parse("2026-11-30T08:05:00Z"))
			.build();
	}

}
