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
		if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
				|| !isToken(authorization, SCHEME.length())) {
			throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
		}
		return authorization.substring(SCHEME.length());
	}

	/**
	 * RFC 6750's {@code b64token} (RFC 9110's {@code token68}) from {@code start} to the end: one or more of
	 * {@code A-Z a-z 0-9 - . _ ~ + /}, then any number of {@code =}.
	 */
	static boolean isToken(String value, int start) {
		int end = value.length();
		while (end > start && value.charAt(end - 1) == '=') {
			end--;
		}
		if (end == start) {
			return false;
		}
		for (int i = start; i < end; i++) {
			if (!isTokenCharacter(value.charAt(i))) {
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
