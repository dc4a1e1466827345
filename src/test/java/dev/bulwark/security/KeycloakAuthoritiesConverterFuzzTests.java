package dev.bulwark.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

import dev.bulwark.support.TestJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever claims a token carries (any JSON), the API roles it gets are exactly the strings listed in
 * {@code resource_access.bulwark-api.roles}: a realm role, a scope, another client's role or a value of the wrong
 * shape never becomes one, and no claim makes the conversion fail.
 */
class KeycloakAuthoritiesConverterFuzzTests {

	private static final String CLIENT = "bulwark-api";

	private final KeycloakAuthoritiesConverter converter = new KeycloakAuthoritiesConverter(CLIENT);

	@FuzzTest(maxDuration = "5m")
	void apiRolesComeOnlyFromTheApiClientsRoles(FuzzedDataProvider data) {
		Map<String, Object> claims;
		try {
			claims = TestJson.MAPPER.readValue(data.consumeRemainingAsString(), new TypeReference<Map<String, Object>>() {
			});
		}
		catch (JacksonException notAnObject) {
			return;
		}
		if (claims == null || claims.isEmpty()) {
			return;
		}
		Jwt jwt = Jwt.withTokenValue("token").header("alg", "RS256").claims(all -> all.putAll(claims)).build();

		Collection<GrantedAuthority> authorities = this.converter.convert(jwt);

		Set<String> roles = new TreeSet<>();
		authorities.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(authority -> authority.startsWith("ROLE_"))
			.forEach(authority -> roles.add(authority.substring("ROLE_".length())));
		assertThat(roles).isEqualTo(listedRoles(claims));
	}

	private static Set<String> listedRoles(Map<String, Object> claims) {
		Set<String> roles = new TreeSet<>();
		if (claims.get("resource_access") instanceof Map<?, ?> access && access.get(CLIENT) instanceof Map<?, ?> client
				&& client.get("roles") instanceof List<?> listed) {
			listed.stream().filter(String.class::isInstance).map(String.class::cast).forEach(roles::add);
		}
		return roles;
	}

}
