package dev.bulwark.security;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The authenticated caller of the current request.
 */
@Service
public class Callers {

	/**
	 * What the caller's token says about them, for {@code GET /me}.
	 */
	@PreAuthorize("isAuthenticated()")
	public CallerDescription describe() {
		return CallerDescription.of(current());
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
