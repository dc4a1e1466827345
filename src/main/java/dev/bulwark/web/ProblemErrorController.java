package dev.bulwark.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders the servlet container's error dispatch (an exception or {@code sendError} outside the API's filter
 * chain) as a plain problem with the status only, in place of Spring Boot's error page, which would show a
 * different JSON shape. Only a servlet container has error dispatches; the Lambda handler has its own last resort.
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
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
