package dev.bulwark.security;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /me} tells callers about themselves: what their token says, nothing secret and nothing about how
 * this service treats them.
 *
 * @param subject the token's {@code sub}, the stable id that owns orders
 * @param username the token's {@code preferred_username}, for people
 * @param clientId the token's {@code azp}, the OAuth client the token was issued to
 * @param roles the API roles, without the {@code ROLE_} prefix
 * @param scopes the granted scopes
 */
public record CallerDescription(String subject, @Nullable String username, @Nullable String clientId,
		Set<String> roles, Set<String> scopes) {

	static CallerDescription of(Caller caller) {
		return new CallerDescription(caller.subject(), caller.username(), caller.clientId(), caller.roles(),
				caller.scopes());
	}

}
