package dev.bulwark.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter of the chain: whatever escapes the rest of the stack becomes a plain 500 problem, so no stack
 * trace or container error page ever reaches a client, and in Lambda no exception escapes as a failed invocation;
 * a dependency that is unavailable (the fleet quota's table, say) becomes a 503 problem with {@code Retry-After}.
 * Headers already written (the security headers) stay; a half-written body does not. Public only as a landmark
 * in the chain, for filters that must run around it.
 */
public final class UnhandledExceptionFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(UnhandledExceptionFilter.class);

	private final ProblemResponses problems;

	UnhandledExceptionFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (refusedByTheFirewall(ex)) {
				// The firewall checks a header value or parameter name when it is read, wherever that is (even
				// while an error is being answered): the client's fault, not ours.
				if (!response.isCommitted()) {
					response.resetBuffer();
					this.problems.write(request, response, HttpStatus.BAD_REQUEST, ProblemHandling.REFUSED);
				}
				return;
			}
			DependencyUnavailableException unavailable = Causes.find(ex, DependencyUnavailableException.class);
			if (unavailable != null) {
				logger.warn(unavailable.getMessage() + " for " + request.getMethod() + " " + request.getRequestURI());
				if (!response.isCommitted()) {
					response.resetBuffer();
					response.setHeader(HttpHeaders.RETRY_AFTER, ServiceUnavailable.retryAfter(unavailable));
					this.problems.write(request, response, ServiceUnavailable.problem());
				}
				return;
			}
			logger.error("Unhandled error for " + request.getMethod() + " " + request.getRequestURI(), ex);
			if (response.isCommitted()) {
				return;
			}
			response.resetBuffer();
			InternalServerError.HEADERS.forEach(response::setHeader);
			this.problems.write(request, response, HttpStatus.INTERNAL_SERVER_ERROR, InternalServerError.DETAIL);
		}
	}

	private static boolean refusedByTheFirewall(Throwable ex) {
		return Causes.find(ex, RequestRejectedException.class) != null;
	}


}
