package dev.bulwark.security;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Who is calling, resolved once per request from the verified access token (see {@link CallerAuthentication}), and
 * what every part of the request path that cares about the caller reads: ownership checks, rate limits, and the
 * audit trail.
 *
 * @param subject the token's {@code sub}, the stable id that owns orders
 * @param username the token's {@code preferred_username}, for people
 * @param clientId the token's {@code azp}, the OAuth client the token was issued to
 * @param roles the API roles, without the {@code ROLE_} prefix
 * @param scopes the granted scopes
 * @param tier the service tier the identity provider assigned (see {@link CallerTiers})
 * @param tokenFingerprint names the token without revealing it (see {@link TokenFingerprint})
 * @param acr how strongly the person proved who they are ({@code acr}: {@code password}, {@code mfa}); none for
 * service accounts
 * @param authTime when the person last actively authenticated ({@code auth_time}); none for service accounts
 */
public record Caller(String subject, @Nullable String username, @Nullable String clientId, Set<String> roles,
		Set<String> scopes, String tier, String tokenFingerprint, @Nullable String acr,
		@Nullable Instant authTime) implements Serializable {

	public Caller {
		roles = Set.copyOf(roles);
		scopes = Set.copyOf(scopes);
	}

	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

	Caller withoutRole(String role) {
		Set<String> kept = new HashSet<>(this.roles);
		kept.remove(role);
		return new Caller(this.subject, this.username, this.clientId, kept, this.scopes, this.tier,
				this.tokenFingerprint, this.acr, this.authTime);
	}

}
