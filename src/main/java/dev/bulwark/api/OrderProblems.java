package dev.bulwark.api;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.bulwark.order.IdempotencyKeyReusedException;
import dev.bulwark.order.InvalidCursorException;
import dev.bulwark.order.OrderConflictException;
import dev.bulwark.order.OrderNotFoundException;
import dev.bulwark.order.UnknownProductException;
import dev.bulwark.web.InvalidRequest;

/**
 * Decides what each refusal of the order rules means in HTTP. The order module raises plain exceptions and knows
 * nothing of HTTP; this is the one place that gives them a status and a problem body. It lives here, not in the web
 * module, because the web module must not depend on the order module (the order module depends on security, which
 * depends on web). Ordered ahead of the web module's advice, whose catch-all would otherwise answer these with a
 * 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class OrderProblems {

	@ExceptionHandler
	ProblemDetail handleNotFound(OrderNotFoundException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handleConflict(OrderConflictException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handleIdempotencyKeyReused(IdempotencyKeyReusedException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handleInvalidCursor(InvalidCursorException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail handleUnknownProduct(UnknownProductException ex) {
		return InvalidRequest.problem(ex.field(), "unknown product");
	}

}
