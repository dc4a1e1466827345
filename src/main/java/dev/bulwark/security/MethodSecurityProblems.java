package dev.bulwark.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers method-security refusals where they happen, with the same 401 and 403 as the filter chain. Letting them
 * propagate to the chain would work in a servlet container, but the Lambda runtime's servlet emulation re-runs
 * the request when an exception leaves Spring MVC.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MethodSecurityProblems {

	private final ProblemAuthenticationEntryPoint entryPoint;

	private final ProblemAccessDeniedHandler accessDenied;

	MethodSecurityProblems(ProblemAuthenticationEntryPoint entryPoint, ProblemAccessDeniedHandler accessDenied) {
		this.entryPoint = entryPoint;
		this.accessDenied = accessDenied;
	}

	@ExceptionHandler
	void handleAccessDenied(AccessDeniedException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		this.accessDenied.handle(request, response, ex);
	}

	@ExceptionHandler
	void handleAuthentication(AuthenticationException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		this.entryPoint.commence(request, response, ex);
	}

}
