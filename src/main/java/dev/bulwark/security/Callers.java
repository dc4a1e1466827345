package dev.bulwark.security;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Service;

/**
 * The authenticated caller of the current request.
 */
@Service
public class Callers {

	private static final String ROLE_PREFIX = "ROLE_";

	private static final String SCOPE_PREFIX = "SCOPE_";

	/**
	 * The caller, for {@code GET /me}.
	 */
	@PreAuthorize("isAuthenticated()")
	public Caller describe() {
		return current();
	}

	/**
	 * The caller of the current request.
	 * @throws AccessDeniedException when the request did not carry a valid access token
	 */
	public Caller current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			throw new AccessDeniedException("An access token is required");
		}
		Set<String> roles = new TreeSet<>();
		Set<String> scopes = new TreeSet<>();
		for (GrantedAuthority authority : token.getAuthorities()) {
			String name = authority.getAuthority();
			if (name == null) {
				continue;
			}
			if (name.startsWith(ROLE_PREFIX)) {
				roles.add(name.substring(ROLE_PREFIX.length()));
			}
			else if (name.startsWith(SCOPE_PREFIX)) {
				scopes.add(name.substring(SCOPE_PREFIX.length()));
			}
		}
		return new Caller(token.getToken().getSubject(), token.getToken().getClaimAsString("preferred_username"),
				token.getToken().getClaimAsString("azp"), roles, scopes);
	}

}
