package dev.bulwark.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Counts token verifications by outcome ({@code bulwark.jwt.verifications}): what a flood of forged tokens costs,
 * and whether the rate limit in front of verification holds it back. Tokens found in the {@link ValidatedTokenCache}
 * are counted there, as {@code cached}.
 */
class CountingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	private final Counter valid;

	private final Counter invalid;

	CountingJwtDecoder(JwtDecoder delegate, MeterRegistry meters) {
		this.delegate = delegate;
		this.valid = counter(meters, "valid");
		this.invalid = counter(meters, "invalid");
	}

	@Override
	public Jwt decode(String token) {
		try {
			Jwt jwt = this.delegate.decode(token);
			this.valid.increment();
			return jwt;
		}
		catch (JwtException ex) {
			this.invalid.increment();
			throw ex;
		}
	}

	static Counter counter(MeterRegistry meters, String outcome) {
		return Counter.builder("bulwark.jwt.verifications")
			.description("Access tokens checked, by outcome: valid, invalid, or cached (accepted before)")
			.tag("outcome", outcome)
			.register(meters);
	}

}
