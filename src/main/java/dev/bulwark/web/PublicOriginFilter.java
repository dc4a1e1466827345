package dev.bulwark.web;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Presents the request as it arrived at its public origin, when a {@link PublicOriginResolver} knows that origin:
 * HTTPS on the origin's host, and the path prefix as the context path, so that every absolute URL built from the
 * request points where clients can reach it; and the client's address as the remote address.
 */
class PublicOriginFilter extends OncePerRequestFilter {

	private final List<PublicOriginResolver> resolvers;

	PublicOriginFilter(List<PublicOriginResolver> resolvers) {
		this.resolvers = List.copyOf(resolvers);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<PublicOrigin> origin = this.resolvers.stream()
			.map(resolver -> resolver.resolve(request))
			.flatMap(Optional::stream)
			.findFirst();
		chain.doFilter(origin.<HttpServletRequest>map(found -> new PublicRequest(request, found)).orElse(request),
				response);
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
