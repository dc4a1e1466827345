package dev.bulwark.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the configured size with 413. A declared {@code Content-Length} over the limit is
 * refused before anything else runs, token verification included; a body without one (chunked) is cut off as
 * soon as it goes over.
 *
 * <p>Everything after this filter sees the body only through the limit. A servlet container also reads bodies on
 * its own, past any wrapper, when asked for form parameters or multipart parts; the API takes neither, so the
 * parameters of a form request come from its query string alone, and parts are refused. Nothing that runs before
 * this filter may read a body: {@code application.yml} switches off Spring's form-content filter and multipart
 * parsing, and {@code ServletFilterOrderIT} keeps the filters in front of the security chain to ones that never
 * read one.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final ProblemResponses problems;

	RequestBodyLimitFilter(long maxBytes, ProblemResponses problems) {
		this.maxBytes = maxBytes;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			this.problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, tooLarge());
			return;
		}
		chain.doFilter(new LimitedRequest(request, this.maxBytes), response);
	}

	private String tooLarge() {
		return "The request body is larger than " + this.maxBytes + " bytes.";
	}

	/**
	 * Thrown when a body without a declared length goes over the limit while it is read.
	 */
	static final class RequestBodyTooLargeException extends IOException {

		RequestBodyTooLargeException(long maxBytes) {
			super("The request body is larger than " + maxBytes + " bytes.");
		}

	}

	private static final class LimitedRequest extends ReadThroughRequest {

		private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED_VALUE;

		private final long maxBytes;

		private @Nullable Map<String, String[]> parameters;

		private LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		protected ServletInputStream readThrough(ServletInputStream body) {
			return new LimitedInputStream(body, this.maxBytes);
		}

		@Override
		public @Nullable String getParameter(String name) {
			if (!formBody()) {
				return super.getParameter(name);
			}
			String[] values = queryParameters().get(name);
			return (values != null) ? values[0] : null;
		}

		@Override
		public Map<String, String[]> getParameterMap() {
			return formBody() ? queryParameters() : super.getParameterMap();
		}

		@Override
		public Enumeration<String> getParameterNames() {
			return formBody() ? Collections.enumeration(queryParameters().keySet()) : super.getParameterNames();
		}

		@Override
		public String @Nullable [] getParameterValues(String name) {
			if (!formBody()) {
				return super.getParameterValues(name);
			}
			String[] values = queryParameters().get(name);
			return (values != null) ? values.clone() : null;
		}

		@Override
		public Collection<Part> getParts() throws ServletException {
			throw new ServletException("Multipart bodies are not accepted");
		}

		@Override
		public Part getPart(String name) throws ServletException {
			throw new ServletException("Multipart bodies are not accepted");
		}

		/**
		 * A form body is the one a servlet container parses for parameters by itself, reading it from its own
		 * buffers, past this limit.
		 */
		private boolean formBody() {
			String contentType = getContentType();
			return contentType != null && contentType.regionMatches(true, 0, FORM, 0, FORM.length());
		}

		/**
		 * The query string's parameters, decoded as the container decodes them (UTF-8, {@code +} for a space); a
		 * pair that does not decode is left out, as the container leaves it out.
		 */
		private Map<String, String[]> queryParameters() {
			if (this.parameters == null) {
				Map<String, List<String>> pairs = new LinkedHashMap<>();
				String query = getQueryString();
				if (query != null) {
					for (String pair : query.split("&")) {
						int equals = pair.indexOf('=');
						String name = decode((equals < 0) ? pair : pair.substring(0, equals));
						String value = decode((equals < 0) ? "" : pair.substring(equals + 1));
						if (name != null && !name.isEmpty() && value != null) {
							pairs.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
						}
					}
				}
				Map<String, String[]> parameters = new LinkedHashMap<>();
				pairs.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
				this.parameters = Collections.unmodifiableMap(parameters);
			}
			return this.parameters;
		}

		private static @Nullable String decode(String encoded) {
			try {
				return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

	}

	private static final class LimitedInputStream extends ReadThroughRequest.Stream {

		private final long maxBytes;

		private long read;

		private LimitedInputStream(ServletInputStream container, long maxBytes) {
			super(container);
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			refuseIfOver();
			int b = this.container.read();
			if (b != -1) {
				count(1);
			}
			return b;
		}

		/**
		 * Never asks the container for more than one byte past the limit, so no more than that is ever read.
		 */
		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			refuseIfOver();
			if (length == 0) {
				return 0;
			}
			int n = this.container.read(buffer, offset, (int) Math.min(length, this.maxBytes - this.read + 1));
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) throws RequestBodyTooLargeException {
			this.read += n;
			refuseIfOver();
		}

		private void refuseIfOver() throws RequestBodyTooLargeException {
			if (this.read > this.maxBytes) {
				throw new RequestBodyTooLargeException(this.maxBytes);
			}
		}

	}

}
