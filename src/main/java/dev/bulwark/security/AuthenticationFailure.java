package dev.bulwark.security;

import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

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
	UNVERIFIABLE,

	/** Bound to a DPoP key, but sent as a bearer token: whoever sends it this way need not hold the key. */
	BOUND_TOKEN_AS_BEARER,

	/** Sent with the DPoP scheme, but bound to no key, so no proof can be checked against it. */
	UNBOUND_TOKEN_AS_DPOP,

	/** A bearer token of a client that must use DPoP-bound tokens ({@code bulwark.security.dpop.required-clients}). */
	DPOP_REQUIRED,

	/** The DPoP scheme without exactly one {@code DPoP} header. */
	PROOF_MISSING(true),

	/**
	 * A proof that is no signed {@code dpop+jwt} with the public key in its header (an unsigned one, an HMAC one,
	 * a bad signature), or lacks a claim every proof must carry.
	 */
	PROOF_INVALID(true),

	/** A proof for another HTTP method ({@code htm}). */
	PROOF_WRONG_METHOD(true),

	/** A proof for another URL ({@code htu}), e.g. the internal one of a Lambda, or another stage or host. */
	PROOF_WRONG_URL(true),

	/** A proof made ({@code iat}) too long ago or too far ahead. */
	PROOF_STALE(true),

	/** A proof signed with another key than the one the token is bound to ({@code cnf.jkt}). */
	PROOF_WRONG_KEY(true),

	/** A proof made for another access token ({@code ath}). */
	PROOF_WRONG_TOKEN(true),

	/** A proof ({@code jti}) that was used before, by this instance or another. */
	PROOF_REPLAYED(true);

	private static final String ATTRIBUTE = AuthenticationFailure.class.getName();

	private final boolean proof;

	AuthenticationFailure() {
		this(false);
	}

	AuthenticationFailure(boolean proof) {
		this.proof = proof;
	}

	/**
	 * The name as logs and metrics carry it, e.g. {@code bad-signature}.
	 */
	public String code() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Whether the DPoP proof failed, rather than the token: RFC 9449's {@code invalid_dpop_proof}.
	 */
	boolean proof() {
		return this.proof;
	}

	/**
	 * Whether the failure is about how the token is bound to its key, so that the client needs the DPoP scheme's
	 * challenge rather than the bearer one.
	 */
	boolean dpop() {
		return this.proof || this == BOUND_TOKEN_AS_BEARER || this == UNBOUND_TOKEN_AS_DPOP || this == DPOP_REQUIRED;
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

	/**
	 * The exception that refuses a request for this reason: RFC 9449's {@code invalid_dpop_proof} for a proof,
	 * {@code invalid_token} for the rest.
	 */
	OAuth2AuthenticationException refusal(String description) {
		return new OAuth2AuthenticationException(
				new OAuth2Error(this.proof ? OAuth2ErrorCodes.INVALID_DPOP_PROOF : OAuth2ErrorCodes.INVALID_TOKEN,
						description, null),
				new RejectedTokenException(this, description));
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
		// Refused before any decoding: the Authorization header's token is no token68 string, or there are
		// several.
		if (ex instanceof OAuth2AuthenticationException) {
			return MALFORMED;
		}
		return MISSING;
	}

}
