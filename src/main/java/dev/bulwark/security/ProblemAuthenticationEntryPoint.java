package dev.bulwark.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

import dev.bulwark.web.ProblemResponses;

/**
 * Answers 401 with the RFC 6750 {@code WWW-Authenticate} header and a problem body. Why a token failed (which
 * claim, which time) is logged by nobody and told to nobody: the description is always the same, so a response
 * never echoes token contents and gives an attacker no oracle.
 */
@Component
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private static final String INVALID_TOKEN = "The access token is invalid or has expired.";

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	private final ProblemResponses problems;

	ProblemAuthenticationEntryPoint(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		if (ex instanceof OAuth2AuthenticationException) {
			this.bearer.commence(request, response, new InvalidBearerTokenException(INVALID_TOKEN));
			this.problems.write(request, response, HttpStatus.UNAUTHORIZED, INVALID_TOKEN);
			return;
		}
		this.bearer.commence(request, response, ex);
		this.problems.write(request, response, HttpStatus.UNAUTHORIZED, "A bearer access token is required.");
	}

}
