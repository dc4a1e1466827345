package dev.bulwark.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Maps a Keycloak access token to authorities: the client roles of the API's own client
 * ({@code resource_access.<client>.roles}) become {@code ROLE_*}, the API's roles; realm roles
 * ({@code realm_access.roles}) become {@code REALM_*}, available to rules that ask for them by that name but never
 * mistaken for an API role, since a realm role is shared by every application in the realm; the {@code scope}
 * claim becomes {@code SCOPE_*}. Client roles of other clients are ignored.
 */
class KeycloakAuthoritiesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

	private final String resourceClient;

	KeycloakAuthoritiesConverter(String resourceClient) {
		this.resourceClient = resourceClient;
	}

	@Override
	public Collection<GrantedAuthority> convert(Jwt jwt) {
		Set<GrantedAuthority> authorities = new LinkedHashSet<>();
		if (jwt.getClaim("resource_access") instanceof Map<?, ?> resourceAccess
				&& resourceAccess.get(this.resourceClient) instanceof Map<?, ?> client) {
			roles(client).forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
		}
		if (jwt.getClaim("realm_access") instanceof Map<?, ?> realmAccess) {
			roles(realmAccess).forEach(role -> authorities.add(new SimpleGrantedAuthority("REALM_" + role)));
		}
		String scope = jwt.getClaimAsString("scope");
		if (scope != null) {
			for (String value : scope.split(" ")) {
				if (!value.isBlank()) {
					authorities.add(new SimpleGrantedAuthority("SCOPE_" + value));
				}
			}
		}
		return authorities;
	}

	private static List<String> roles(Map<?, ?> access) {
		if (access.get("roles") instanceof Collection<?> roles) {
			return roles.stream().filter(String.class::isInstance).map(String.class::cast).toList();
		}
		return List.of();
	}

}
