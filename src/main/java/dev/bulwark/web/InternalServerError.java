package dev.bulwark.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The one answer to a request the server could not handle, wherever the failure is caught: a 500 problem that
 * says nothing about why (the log does), and the headers it needs even where nothing else adds them.
 */
public final class InternalServerError {

	public static final String DETAIL = "The server could not handle the request.";

	/**
	 * Never cached, never sniffed as anything but a problem document: for a response written where the security
	 * filter chain's headers may be missing (it failed before adding them, or never ran).
	 */
	public static final Map<String, String> HEADERS = Map.of("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE,
			"Cache-Control", "no-store", "X-Content-Type-Options", "nosniff");

	private InternalServerError() {
	}

	public static ProblemDetail problem() {
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, DETAIL);
	}

}
