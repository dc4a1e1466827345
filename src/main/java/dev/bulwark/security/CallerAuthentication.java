package dev.bulwark.security;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.Transient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A verified access token together with the {@link Caller} it identifies, resolved once when the token is
 * verified, so that nothing later in the request reads the token's claims again.
 */
@Transient
public final class CallerAuthentication extends JwtAuthenticationToken {

	private static final String ROLE_PREFIX = "ROLE_";

	private static final String SCOPE_PREFIX = "SCOPE_";

	private static final long serialVersionUID = 1L;

	private final Caller caller;

	/**
	 * @param token the verified token
	 * @param authorities what the token grants: API roles as {@code ROLE_*}, scopes as {@code SCOPE_*}
	 * @param tiers names the caller's tier
	 */
	public CallerAuthentication(Jwt token, Collection<? extends GrantedAuthority> authorities, CallerTiers tiers) {
		super(token, authorities);
		Set<String> roles = withoutPrefix(authorities, ROLE_PREFIX);
		this.caller = new Caller(token.getSubject(), token.getClaimAsString("preferred_username"),
				token.getClaimAsString("azp"), roles, withoutPrefix(authorities, SCOPE_PREFIX),
				tiers.tierOf(token, roles), TokenFingerprint.of(token.getTokenValue()), token.getClaimAsString("acr"),
				(token.getClaim("auth_time") instanceof Number seconds) ? Instant.ofEpochSecond(seconds.longValue())
						: null);
	}

	private CallerAuthentication(Jwt token, Collection<? extends GrantedAuthority> authorities, Caller caller) {
		super(token, authorities);
		this.caller = caller;
	}

	public Caller caller() {
		return this.caller;
	}

	/**
	 * The same token and caller, without one of its roles (as an authority and in the caller's roles).
	 */
	CallerAuthentication withoutRole(String role) {
		String authority = ROLE_PREFIX + role;
		List<GrantedAuthority> kept = getAuthorities().stream()
			.filter(granted -> !authority.equals(granted.getAuthority()))
			.map(GrantedAuthority.class::cast)
			.toList();
		return new CallerAuthentication(getToken(), kept, this.caller.withoutRole(role));
	}

	private static Set<String> withoutPrefix(Collection<? extends GrantedAuthority> authorities, String prefix) {
		Set<String> names = new TreeSet<>();
		for (GrantedAuthority authority : authorities) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith(prefix)) {
				names.add(name.substring(prefix.length()));
			}
		}
		return names;
	}

}
