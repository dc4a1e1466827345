package dev.bulwark.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.NoHandlerFoundException;

/**
 * Renders the servlet container's error dispatch (an exception or {@code sendError} outside the API's filter
 * chain) as a plain problem with the status only, in place of Spring Boot's error page, which would show a
 * different JSON shape. Only a servlet container has error dispatches; the Lambda handler has its own last resort.
 */
@RestController
class ProblemErrorController implements ErrorController {

	/**
	 * Only for the error dispatch: a client asking for the error path itself is asking for a route that does not
	 * exist, and gets the 404 any unknown route gets (not a 500 for an error that never happened).
	 */
	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) throws NoHandlerFoundException {
		if (request.getDispatcherType() != DispatcherType.ERROR) {
			throw new NoHandlerFoundException(request.getMethod(), request.getRequestURI(),
					new ServletServerHttpRequest(request).getHeaders());
		}
		HttpStatus status = HttpStatus.resolve(statusOf(request));
		if (status == null || !status.isError()) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		ProblemDetail problem = (status == HttpStatus.INTERNAL_SERVER_ERROR) ? InternalServerError.problem()
				: ProblemDetail.forStatus(status);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static int statusOf(HttpServletRequest request) {
		return (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) ? code : 500;
	}

}
