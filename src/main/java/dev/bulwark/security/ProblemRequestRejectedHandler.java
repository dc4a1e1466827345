package dev.bulwark.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import dev.bulwark.web.ProblemResponses;

/**
 * A request the firewall refuses (path traversal, {@code ;} parameters, odd encodings) gets a 400 problem written
 * here, not a {@code sendError} that only a servlet container's error page would turn into a body.
 */
@Component
class ProblemRequestRejectedHandler implements RequestRejectedHandler {

	private final ProblemResponses problems;

	ProblemRequestRejectedHandler(ProblemResponses problems) {
		this.problems = problems;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
			throws IOException {
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, "The request was refused.");
	}

}
