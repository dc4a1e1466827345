package dev.bulwark.security;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who is calling, as the validated access token says. Nothing secret: this is what {@code GET /me} returns.
 *
 * @param subject the token's {@code sub}, the stable id that owns orders
 * @param username the token's {@code preferred_username}, for people
 * @param clientId the token's {@code azp}, the OAuth client the token was issued to
 * @param roles the API roles, without the {@code ROLE_} prefix
 * @param scopes the granted scopes
 */
public record Caller(String subject, @Nullable String username, @Nullable String clientId, Set<String> roles,
		Set<String> scopes) {

	public Caller {
		roles = Set.copyOf(roles);
		scopes = Set.copyOf(scopes);
	}

	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

}
