package dev.bulwark.audit;

import java.util.Locale;

/**
 * What became of a request, in the classes an operator watches for: each class is one kind of trouble (or none).
 */
enum Outcome {

	ALLOWED,

	/** No valid token (the reason is recorded apart). */
	UNAUTHENTICATED,

	/**
	 * A valid token, but from a sign-in not strong or recent enough for the request (RFC 9470): the client is told
	 * to sign in again; part of normal use, not an attack.
	 */
	STEP_UP_REQUIRED,

	/** A valid token without the role the request needs. */
	FORBIDDEN,

	/**
	 * An authenticated caller asked one of the API's routes for an object that is not theirs, or not there: object
	 * probing looks so.
	 */
	NOT_FOUND_FOR_CALLER,

	/** No such route, or nothing at an endpoint outside the API's routes (an unknown metric name, say). */
	NOT_FOUND,

	/** A request the API refuses as it stands: bad syntax, size, media type, method, or field values. */
	INVALID,

	/** A valid request the object's state refuses (a shipped order cannot be cancelled, a reused key). */
	CONFLICT,

	/** An authenticated client over its tier's limit. */
	RATE_LIMITED,

	/** An address over its allowance of failed authentications, refused before its token was checked. */
	LOCKED_OUT,

	ERROR;

	String code() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	static Outcome of(int status, boolean authenticated, boolean apiRoute) {
		if (status >= 500) {
			return ERROR;
		}
		return switch (status) {
			case 401 -> authenticated ? STEP_UP_REQUIRED : UNAUTHENTICATED;
			case 403 -> FORBIDDEN;
			case 404 -> (authenticated && apiRoute) ? NOT_FOUND_FOR_CALLER : NOT_FOUND;
			case 409, 412, 422 -> CONFLICT;
			// The per-address limit refuses before any token is checked, the per-client limit only after.
			case 429 -> authenticated ? RATE_LIMITED : LOCKED_OUT;
			default -> (status >= 400) ? INVALID : ALLOWED;
		};
	}

}
