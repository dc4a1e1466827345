package dev.bulwark.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a method-security refusal where it happens, with the same 403 as the filter chain. (Only authenticated
 * callers get this far: the URL rules turn everyone else away first.) Letting the exception propagate to the
 * chain would work in a servlet container, but the Lambda runtime's servlet emulation re-runs the request when an
 * exception leaves Spring MVC.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MethodSecurityProblems {

	private final SecurityProblems problems;

	MethodSecurityProblems(SecurityProblems problems) {
		this.problems = problems;
	}

	@ExceptionHandler
	void handleStepUpRequired(StepUpRequiredException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		this.problems.stepUp(request, response, ex.challenge());
	}

	@ExceptionHandler
	void handleAccessDenied(AccessDeniedException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		this.problems.handle(request, response, ex);
	}

}
