package dev.bulwark.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes RFC 9457 problem details from places outside Spring MVC (servlet filters, the security filter chain),
 * with the same JSON mapper that MVC uses, so every error looks the same wherever it was raised.
 */
@Component
public class ProblemResponses {

	private final JacksonJsonHttpMessageConverter converter;

	ProblemResponses(JsonMapper jsonMapper) {
		this.converter = new JacksonJsonHttpMessageConverter(jsonMapper);
	}

	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		write(request, response, ProblemDetail.forStatusAndDetail(status, detail));
	}

	/**
	 * Writes the problem with its status; its {@code instance} is the request's path.
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		HttpStatus status = HttpStatus.valueOf(problem.getStatus());
		instance(request).ifPresent(problem::setInstance);
		ProblemTypes.record(request, problem);
		response.setStatus(status.value());
		this.converter.write(problem, MediaType.APPLICATION_PROBLEM_JSON, new ServletServerHttpResponse(response));
	}

	/**
	 * The request path as the problem's {@code instance}, unless the path is not a valid URI (the firewall
	 * refuses such requests, and the problem then just has no instance).
	 */
	private static Optional<URI> instance(HttpServletRequest request) {
		try {
			return Optional.of(new URI(request.getRequestURI()));
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
	}

}
