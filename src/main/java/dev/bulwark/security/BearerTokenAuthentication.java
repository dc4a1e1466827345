package dev.bulwark.security;

import java.util.Collection;
import java.util.Set;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Authenticates a request made with the bearer scheme: the token passes its checks, and is a bearer token. A token
 * bound to a DPoP key is refused (RFC 9449, section 7.2), or whoever stole it could use it without the key; so is
 * any token of a client that must use DPoP, which the identity provider should not have issued unbound in the
 * first place. Spring Security refuses a bound bearer token too, after this; this says why, for the audit trail.
 */
final class BearerTokenAuthentication implements AuthenticationManager {

	private final AuthenticationProvider tokens;

	private final Set<String> dpopClients;

	BearerTokenAuthentication(AuthenticationProvider tokens, Collection<String> dpopClients) {
		this.tokens = tokens;
		this.dpopClients = Set.copyOf(dpopClients);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Authentication result = this.tokens.authenticate(authentication);
		Jwt token = ((JwtAuthenticationToken) result).getToken();
		if (DPoPProofs.boundKey(token) != null) {
			throw AuthenticationFailure.BOUND_TOKEN_AS_BEARER.refusal("A DPoP-bound access token sent as a bearer token");
		}
		if (this.dpopClients.contains(token.getClaimAsString("azp"))) {
			throw AuthenticationFailure.DPOP_REQUIRED.refusal("A bearer token of a client that must use DPoP");
		}
		return result;
	}

}
