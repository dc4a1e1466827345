package dev.bulwark.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * Finds the bearer token as Spring Security's {@code DefaultBearerTokenResolver} does by default (the
 * {@code Authorization} header only, never a query or form parameter; RFC 6750's token characters), without its
 * case-insensitive regular expression, which walked every character of the 1–2 KB token of every request through a
 * case-folding range check.
 */
final class BearerTokens implements BearerTokenResolver {

	private static final String SCHEME = "Bearer ";

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, "bearer", 0, 6)) {
			return null;
		}
		if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || !isToken(authorization)) {
			throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
		}
		return authorization.substring(SCHEME.length());
	}

	/**
	 * RFC 6750's {@code b64token}: one or more of {@code A-Z a-z 0-9 - . _ ~ + /}, then any number of {@code =}.
	 */
	private static boolean isToken(String authorization) {
		int end = authorization.length();
		while (end > SCHEME.length() && authorization.charAt(end - 1) == '=') {
			end--;
		}
		if (end == SCHEME.length()) {
			return false;
		}
		for (int i = SCHEME.length(); i < end; i++) {
			if (!isTokenCharacter(authorization.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isTokenCharacter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

}
