package dev.bulwark.security;

import java.io.IOException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.bulwark.web.ClientAddresses;

/**
 * Holds admin work to the admin networks: from any other client address (as resolved after the trusted proxies),
 * <ul>
 * <li>the actuator endpoints but health are refused with a 403 problem, whoever asks and with or without a token
 * (health stays open for load balancers and probes);</li>
 * <li>a token's admin role is not honoured: the request goes on with the caller's other roles, so an
 * admin-only operation is refused with a 403 problem, and another customer's order is as unknown as it is to
 * any customer, while the caller's own work is unaffected.</li>
 * </ul>
 * Runs after the token is verified (a bad token is a 401 wherever it comes from, and counts against its address)
 * and before the URL rules and method security, which then see only what the address allows.
 */
final class AdminNetworkFilter extends OncePerRequestFilter {

	private final AdminNetworks networks;

	private final SecurityProblems problems;

	private final RequestMatcher adminEndpoints = EndpointRequest.toAnyEndpoint().excluding("health");

	private final SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	AdminNetworkFilter(AdminNetworks networks, SecurityProblems problems) {
		this.networks = networks;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.networks.contain(ClientAddresses.of(request))) {
			chain.doFilter(request, response);
			return;
		}
		if (this.adminEndpoints.matches(request)) {
			AdminNetworks.markOutside(request);
			this.problems.outsideAdminNetworks(request, response);
			return;
		}
		if (this.holder.getContext().getAuthentication() instanceof CallerAuthentication authenticated
				&& authenticated.caller().hasRole(Roles.ADMIN)) {
			AdminNetworks.markOutside(request);
			SecurityContext withoutAdmin = this.holder.createEmptyContext();
			withoutAdmin.setAuthentication(authenticated.withoutRole(Roles.ADMIN));
			this.holder.setContext(withoutAdmin);
			this.contexts.saveContext(withoutAdmin, request, response);
		}
		chain.doFilter(request, response);
	}

}
