package dev.bulwark.security;

import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.DPoPAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads a request made with the DPoP scheme (RFC 9449, section 7.1): the token of {@code Authorization: DPoP …}
 * and the one proof of the {@code DPoP} header, for the method and the URL the client called. That URL is the
 * public one also behind API Gateway, where the request is presented as it arrived at its public origin before it
 * gets here.
 */
final class DPoPRequests implements AuthenticationConverter {

	static final String SCHEME = "DPoP";

	static final String PROOF_HEADER = "DPoP";

	/**
	 * Whether the request uses the DPoP scheme, which is case-insensitive like every HTTP authentication scheme.
	 */
	static boolean matches(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return authorization != null && authorization.regionMatches(true, 0, SCHEME + " ", 0, SCHEME.length() + 1);
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		List<String> authorizations = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
		String authorization = authorizations.get(0);
		if (authorizations.size() != 1 || !BearerTokens.isToken(authorization, SCHEME.length() + 1)) {
			throw AuthenticationFailure.MALFORMED.refusal("DPoP access token is malformed");
		}
		List<String> proofs = Collections.list(request.getHeaders(PROOF_HEADER));
		if (proofs.size() != 1) {
			throw AuthenticationFailure.PROOF_MISSING.refusal("Not exactly one DPoP proof");
		}
		return new DPoPAuthenticationToken(authorization.substring(SCHEME.length() + 1), proofs.get(0),
				request.getMethod(), request.getRequestURL().toString());
	}

}
