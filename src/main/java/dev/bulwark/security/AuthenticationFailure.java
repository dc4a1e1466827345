package dev.bulwark.security;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/**
 * Why a request did not authenticate, for the audit trail and the metrics. Never told to the client, whose 401
 * always says the same thing: a precise reason would tell an attacker which part of a forgery to mend next.
 */
public enum AuthenticationFailure {

	/** No bearer token at all. */
	MISSING,

	/**
	 * Not a well-formed token, or one without a claim every token must carry ({@code exp}, {@code iat},
	 * {@code sub}).
	 */
	MALFORMED,

	/** Signed by a key the issuer has, but the signature does not match. */
	BAD_SIGNATURE,

	/** Signed with an allowed algorithm by a key the issuer does not publish. */
	UNKNOWN_KEY,

	/** Signed with an algorithm not on the allow-list ({@code none}, {@code HS256} and the like). */
	DISALLOWED_ALGORITHM,

	EXPIRED,

	NOT_YET_VALID,

	WRONG_ISSUER,

	WRONG_AUDIENCE,

	/** Not an access token ({@code typ}), e.g. an ID or refresh token. */
	WRONG_TYPE,

	/** Issued to a client ({@code azp}) that is not allowed to call the API. */
	UNAUTHORIZED_CLIENT,

	/** Bound to a client certificate, which this API cannot check. */
	UNSUPPORTED_BINDING,

	/** Could not be checked: the issuer's keys were out of reach. */
	UNVERIFIABLE;

	private static final String ATTRIBUTE = AuthenticationFailure.class.getName();

	/**
	 * The name as logs and metrics carry it, e.g. {@code bad-signature}.
	 */
	public String code() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Why the current request did not authenticate, if it did not.
	 */
	public static Optional<AuthenticationFailure> of(HttpServletRequest request) {
		return Optional.ofNullable((AuthenticationFailure) request.getAttribute(ATTRIBUTE));
	}

	void record(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, this);
	}

	static AuthenticationFailure of(AuthenticationException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RejectedTokenException rejected) {
				return rejected.reason();
			}
		}
		if (ex instanceof AuthenticationServiceException) {
			return UNVERIFIABLE;
		}
		// Refused before any decoding: the Authorization header's bearer token is no token68 string, or there
		// are several.
		if (ex instanceof OAuth2AuthenticationException) {
			return MALFORMED;
		}
		return MISSING;
	}

}
