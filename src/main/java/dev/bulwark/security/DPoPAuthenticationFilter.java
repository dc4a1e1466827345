package dev.bulwark.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request of the DPoP scheme where the bearer scheme is authenticated, and the way it is: the
 * security context for this request only, failures answered by the same entry point.
 * <p>
 * Spring Security's {@code .dPoP()} adds its generic {@code AuthenticationFilter} instead, which changes the session
 * id of a request that has a session (against session fixation, which a stateless API has no use for): the Lambda
 * runtime's requests always have one, whose id cannot change, so every DPoP request there would fail.
 */
final class DPoPAuthenticationFilter extends OncePerRequestFilter {

	private final AuthenticationManager authentication;

	private final DPoPRequests requests = new DPoPRequests();

	private final AuthenticationFailureHandler failures;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository repository = new RequestAttributeSecurityContextRepository();

	DPoPAuthenticationFilter(AuthenticationManager authentication, SecurityProblems problems) {
		this.authentication = authentication;
		this.failures = new AuthenticationEntryPointFailureHandler(problems);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!DPoPRequests.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		try {
			Authentication result = this.authentication.authenticate(this.requests.convert(request));
			SecurityContext context = this.contexts.createEmptyContext();
			context.setAuthentication(result);
			this.contexts.setContext(context);
			this.repository.saveContext(context, request, response);
		}
		catch (AuthenticationException failed) {
			this.contexts.clearContext();
			this.failures.onAuthenticationFailure(request, response, failed);
			return;
		}
		chain.doFilter(request, response);
	}

}
