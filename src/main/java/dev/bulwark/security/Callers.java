package dev.bulwark.security;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.stereotype.Service;

/**
 * The authenticated caller of the current request.
 */
@Service
public class Callers {

	private static final RequestAttributeSecurityContextRepository REQUEST_CONTEXTS =
			new RequestAttributeSecurityContextRepository();

	/**
	 * What the caller's token says about them, for {@code GET /me}.
	 */
	@PreAuthorize("isAuthenticated()")
	public CallerDescription describe() {
		return CallerDescription.of(current());
	}

	/**
	 * The caller a request authenticated as, also after the security chain is done with it and has cleared the
	 * security context (for the audit trail around the chain): Spring Security's bearer-token filter keeps the
	 * authentication in a request attribute as well.
	 */
	public static Optional<Caller> of(HttpServletRequest request) {
		SecurityContext context = REQUEST_CONTEXTS.loadDeferredContext(request).get();
		return (context.getAuthentication() instanceof CallerAuthentication authenticated)
				? Optional.of(authenticated.caller()) : Optional.empty();
	}

	/**
	 * Whom the current work runs as: a caller's subject, or the name of a {@link SystemPrincipal}.
	 * @throws AccessDeniedException when it runs as nobody
	 */
	public static String actor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()) {
			throw new AccessDeniedException("Nobody is authenticated");
		}
		return authentication.getName();
	}

	/**
	 * The caller of the current request.
	 * @throws AccessDeniedException when the request did not carry a valid access token
	 */
	public Caller current() {
		if (!(SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication authenticated)) {
			throw new AccessDeniedException("An access token is required");
		}
		return authenticated.caller();
	}

}
