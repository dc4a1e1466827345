package dev.bulwark.security;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * The checks of a signed token's header and claims, in order, each with the {@link AuthenticationFailure} it
 * stands for; the first that fails decides, and its reason travels in the error ({@link Rejection}).
 */
final class TokenChecks implements OAuth2TokenValidator<Jwt> {

	private final List<Check> checks;

	private TokenChecks(List<Check> checks) {
		this.checks = List.copyOf(checks);
	}

	static TokenChecks of(Check... checks) {
		return new TokenChecks(List.of(checks));
	}

	static Check check(OAuth2TokenValidator<Jwt> validator, AuthenticationFailure reason) {
		return new Check(validator, token -> reason);
	}

	/**
	 * Expiry and not-before are one Spring validator: which of the two failed is read from the token.
	 */
	static Check timestamps(OAuth2TokenValidator<Jwt> validator) {
		return new Check(validator, token -> {
			Instant expiry = token.getExpiresAt();
			if (expiry == null) {
				return AuthenticationFailure.MALFORMED;
			}
			return expiry.isBefore(Instant.now()) ? AuthenticationFailure.EXPIRED : AuthenticationFailure.NOT_YET_VALID;
		});
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		for (Check check : this.checks) {
			OAuth2TokenValidatorResult result = check.validator().validate(token);
			if (result.hasErrors()) {
				String description = result.getErrors().iterator().next().getDescription();
				return OAuth2TokenValidatorResult.failure(new Rejection(check.reason().apply(token), description));
			}
		}
		return OAuth2TokenValidatorResult.success();
	}

	/**
	 * The reason of the check that refused a token, if one of these checks did.
	 */
	static @Nullable AuthenticationFailure reasonOf(JwtException ex) {
		return (ex instanceof JwtValidationException validation && !validation.getErrors().isEmpty()
				&& validation.getErrors().iterator().next() instanceof Rejection rejection) ? rejection.reason() : null;
	}

	record Check(OAuth2TokenValidator<Jwt> validator, Function<Jwt, AuthenticationFailure> reason) {
	}

	/**
	 * An {@code invalid_token} error that knows its reason.
	 */
	static final class Rejection extends OAuth2Error {

		private final AuthenticationFailure reason;

		private Rejection(AuthenticationFailure reason, String description) {
			super(OAuth2ErrorCodes.INVALID_TOKEN, description, null);
			this.reason = reason;
		}

		AuthenticationFailure reason() {
			return this.reason;
		}

	}

}
