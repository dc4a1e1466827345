package dev.bulwark.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.DPoPAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Authenticates a request made with the DPoP scheme: the access token passes every check a bearer token does, is
 * bound to a key, and comes with a proof of that key for this very request ({@link DPoPProofs}).
 * <p>
 * Spring Security's {@code DPoPAuthenticationProvider} does the same steps, but turns whatever goes wrong with the
 * proof into one error: a replay store that is down would be the client's 401 instead of a 503 to retry after,
 * and the audit trail could not say which check failed.
 */
final class DPoPTokenAuthentication implements AuthenticationManager {

	private final AuthenticationProvider tokens;

	private final DPoPProofs proofs;

	DPoPTokenAuthentication(AuthenticationProvider tokens, DPoPProofs proofs) {
		this.tokens = tokens;
		this.proofs = proofs;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		DPoPAuthenticationToken request = (DPoPAuthenticationToken) authentication;
		Authentication result = this.tokens.authenticate(new BearerTokenAuthenticationToken(request.getAccessToken()));
		Jwt token = ((JwtAuthenticationToken) result).getToken();
		if (DPoPProofs.boundKey(token) == null) {
			throw AuthenticationFailure.UNBOUND_TOKEN_AS_DPOP.refusal("The access token is not DPoP-bound");
		}
		try {
			this.proofs.verify(request.getDPoPProof(), token, request.getMethod(), request.getResourceUri());
		}
		catch (RejectedTokenException ex) {
			throw ex.reason().refusal(ex.getMessage());
		}
		return result;
	}

}
