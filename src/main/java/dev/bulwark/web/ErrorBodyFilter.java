package dev.bulwark.web;

import java.io.IOException;
import java.io.PrintWriter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives an error that would leave without a body the problem every other error has. A handler may answer an error
 * status and nothing else: the actuator does for a health group or a metric it does not know (404), and flushes
 * the headers itself. The problem is written before such a flush, or at the end of the request; a response whose
 * body was started, or that carries a content type, is left as it is.
 */
final class ErrorBodyFilter extends OncePerRequestFilter {

	private final ProblemResponses problems;

	ErrorBodyFilter(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		BodyWatchingResponse watched = new BodyWatchingResponse(request, response);
		chain.doFilter(request, watched);
		watched.problemIfBodiless();
	}

	private final class BodyWatchingResponse extends HttpServletResponseWrapper {

		private final HttpServletRequest request;

		private boolean bodyStarted;

		BodyWatchingResponse(HttpServletRequest request, HttpServletResponse response) {
			super(response);
			this.request = request;
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			this.bodyStarted = true;
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			this.bodyStarted = true;
			return super.getWriter();
		}

		@Override
		public void flushBuffer() throws IOException {
			problemIfBodiless();
			super.flushBuffer();
		}

		void problemIfBodiless() throws IOException {
			HttpStatus status = HttpStatus.resolve(getStatus());
			if (this.bodyStarted || status == null || !status.isError() || isCommitted() || getContentType() != null) {
				return;
			}
			this.bodyStarted = true;
			ErrorBodyFilter.this.problems.write(this.request, (HttpServletResponse) getResponse(),
					ProblemDetail.forStatus(status));
		}

	}

}
