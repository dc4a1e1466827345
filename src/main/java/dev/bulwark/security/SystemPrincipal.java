package dev.bulwark.security;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs work that no token asked for (a scheduled job) as a named system principal with exactly one role, so that
 * it passes through the same method security as everybody else instead of around it: the job can do what its
 * role allows and nothing more. System roles are {@code SYSTEM_*} authorities, a namespace no token maps to, so
 * no identity-provider setting can hand one to a caller.
 */
public final class SystemPrincipal {

	private SystemPrincipal() {
	}

	public static <T> T runAs(String role, Supplier<T> work) {
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext system = SecurityContextHolder.createEmptyContext();
		system.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("system:" + role, null,
				List.of(new SimpleGrantedAuthority("SYSTEM_" + role))));
		SecurityContextHolder.setContext(system);
		try {
			return work.get();
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

}
