package dev.bulwark.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Presents the request as it arrived at its public origin, when a {@link PublicOriginResolver} knows that origin:
 * HTTPS on the origin's host, and the path prefix as the context path, so that every absolute URL built from the
 * request points where clients can reach it; and the client's address as the remote address. Without a known
 * origin, the request's own {@code Host} must be one of the allowed hosts: otherwise a client could make the API
 * write URLs ({@code Location}, {@code resource_metadata}) to any host it likes. The client's address, after
 * trusted-proxy handling, is resolved here too, once for the whole request (see {@link ClientAddresses}).
 */
class PublicOriginFilter extends OncePerRequestFilter {

	private final List<PublicOriginResolver> resolvers;

	private final Set<String> allowedHosts;

	private final ClientAddresses clientAddresses;

	private final ProblemResponses problems;

	PublicOriginFilter(List<PublicOriginResolver> resolvers, List<String> allowedHosts, ClientAddresses clientAddresses,
			ProblemResponses problems) {
		this.resolvers = List.copyOf(resolvers);
		this.clientAddresses = clientAddresses;
		this.allowedHosts = allowedHosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<PublicOrigin> origin = this.resolvers.stream()
			.map(resolver -> resolver.resolve(request))
			.flatMap(Optional::stream)
			.findFirst();
		if (origin.isPresent()) {
			PublicRequest publicRequest = new PublicRequest(request, origin.get());
			this.clientAddresses.resolve(publicRequest);
			chain.doFilter(publicRequest, response);
			return;
		}
		this.clientAddresses.resolve(request);
		// Absolute URLs are built from the Host header the client chose: only hosts this service answers for.
		if (!this.allowedHosts.contains(request.getServerName().toLowerCase(Locale.ROOT))) {
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, "This service does not answer for that host.");
			return;
		}
		chain.doFilter(request, response);
	}

	private static final class PublicRequest extends HttpServletRequestWrapper {

		private final PublicOrigin origin;

		private PublicRequest(HttpServletRequest request, PublicOrigin origin) {
			super(request);
			this.origin = origin;
		}

		@Override
		public String getScheme() {
			return "https";
		}

		@Override
		public boolean isSecure() {
			return true;
		}

		@Override
		public String getServerName() {
			return this.origin.host();
		}

		@Override
		public int getServerPort() {
			return 443;
		}

		@Override
		public String getRemoteAddr() {
			return this.origin.clientAddress();
		}

		@Override
		public String getContextPath() {
			return this.origin.pathPrefix() + super.getContextPath();
		}

		@Override
		public String getRequestURI() {
			return this.origin.pathPrefix() + super.getRequestURI();
		}

		@Override
		public StringBuffer getRequestURL() {
			return new StringBuffer("https://").append(this.origin.host()).append(getRequestURI());
		}

	}

}
