package dev.bulwark.security;

import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * A token (or its DPoP proof) refused, with the reason. Still a {@link BadJwtException}, so Spring Security answers it as
 * the client's fault (401), as before.
 */
final class RejectedTokenException extends BadJwtException {

	private final AuthenticationFailure reason;

	RejectedTokenException(AuthenticationFailure reason, BadJwtException cause) {
		super(cause.getMessage(), cause);
		this.reason = reason;
	}

	RejectedTokenException(AuthenticationFailure reason, String message) {
		super(message);
		this.reason = reason;
	}

	AuthenticationFailure reason() {
		return this.reason;
	}

}
