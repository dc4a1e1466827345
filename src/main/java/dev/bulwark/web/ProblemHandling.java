package dev.bulwark.web;

import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import dev.bulwark.web.InvalidRequest.FieldError;

/**
 * Turns every exception that reaches Spring MVC into an RFC 9457 problem. Details name the offending field and
 * the rule it broke, never a class name, a stack trace or a storage error. (Method-security exceptions and the
 * order module's refusals are answered by the security and api modules' advice, which run first.)
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemHandling.class);

	/** What a request the firewall refuses is told, wherever the refusal happens. */
	static final String REFUSED = "The request was refused.";

	@ExceptionHandler
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
		List<FieldError> errors = ex.getConstraintViolations()
			.stream()
			.map(violation -> new FieldError(field(violation), violation.getMessage()))
			.sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
			.toList();
		return invalid(errors, ex, request);
	}

	/**
	 * The firewall checks parameter names when they are first read, which may be in a handler (the actuator's reads
	 * them all): a name it refuses is the client's fault there too, as it is at the front of the chain.
	 */
	@ExceptionHandler
	@Nullable ResponseEntity<Object> handleRequestRejected(RequestRejectedException ex, WebRequest request) {
		return handleExceptionInternal(ex, ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, REFUSED),
				new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A media type in a header that cannot be parsed where a handler parses it (the actuator reads {@code Accept}
	 * itself): the client's fault, as an unparsable {@code Content-Type} is.
	 */
	@ExceptionHandler({ InvalidMimeTypeException.class, InvalidMediaTypeException.class })
	@Nullable ResponseEntity<Object> handleMalformedMediaType(RuntimeException ex, WebRequest request) {
		return handleExceptionInternal(ex,
				ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "A media type in the request is malformed."),
				new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A dependency that cannot answer now: the client may retry, and is told when. The log line names the
	 * dependency and the failure; a stack trace of a timeout would say nothing more.
	 */
	@ExceptionHandler
	@Nullable ResponseEntity<Object> handleDependencyUnavailable(DependencyUnavailableException ex,
			WebRequest request) {
		logger.warn(ex.getMessage() + " for " + request.getDescription(false));
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, ServiceUnavailable.retryAfter(ex));
		return handleExceptionInternal(ex, ServiceUnavailable.problem(), headers, HttpStatus.SERVICE_UNAVAILABLE,
				request);
	}

	@ExceptionHandler
	@Nullable ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		logger.error("Unhandled error for " + request.getDescription(false), ex);
		return handleExceptionInternal(ex, InternalServerError.problem(), new HttpHeaders(),
				HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (Causes.find(ex, RequestBodyLimitFilter.RequestBodyTooLargeException.class) != null) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
					"The request body is too large.");
			return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
		}
		return invalid(List.of(describe(ex)), ex, request);
	}

	private ResponseEntity<Object> invalid(List<FieldError> errors, Exception ex, WebRequest request) {
		ProblemDetail problem = InvalidRequest.problem(errors);
		ResponseEntity<Object> response = handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST,
				request);
		return (response != null) ? response : ResponseEntity.badRequest().body(problem);
	}

	private static FieldError describe(HttpMessageNotReadableException ex) {
		UnrecognizedPropertyException unknown = Causes.find(ex, UnrecognizedPropertyException.class);
		if (unknown != null) {
			return new FieldError(path(unknown), "unknown property");
		}
		InvalidFormatException invalidValue = Causes.find(ex, InvalidFormatException.class);
		if (invalidValue != null) {
			return new FieldError(path(invalidValue), "invalid value");
		}
		InputCoercionException outOfRange = Causes.find(ex, InputCoercionException.class);
		if (outOfRange != null) {
			return new FieldError(path(outOfRange), "invalid value");
		}
		MismatchedInputException mismatch = Causes.find(ex, MismatchedInputException.class);
		if (mismatch != null && !mismatch.getPath().isEmpty()) {
			return new FieldError(path(mismatch), "wrong type or missing value");
		}
		StreamReadException unreadable = Causes.find(ex, StreamReadException.class);
		if (unreadable != null && isDuplicate(unreadable)) {
			return new FieldError(duplicate(unreadable), "duplicate property");
		}
		if (unreadable != null || Causes.find(ex, CharacterCodingException.class) != null) {
			return new FieldError("", "malformed JSON");
		}
		return new FieldError("", "the body is missing or unreadable");
	}

	/**
	 * Whether the parser refused a duplicate property name; Jackson says so only in the message.
	 */
	private static boolean isDuplicate(StreamReadException ex) {
		return ex.getOriginalMessage() != null && ex.getOriginalMessage().startsWith("Duplicate Object property")
				&& ex.processor() != null;
	}

	/**
	 * The duplicate property: the object it is in, as far as data binding got, and its name, where the parser
	 * stopped.
	 */
	private static String duplicate(StreamReadException ex) {
		String object = path(ex);
		String name = ex.processor().currentName();
		return object.isEmpty() ? name : object + "." + name;
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
			else if (reference.getPropertyName() != null) {
				path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
		}
		return path.toString();
	}

	/**
	 * The field a method-validation violation is about, relative to the parameter: {@code items[0].quantity}
	 * rather than {@code place.request.items[0].quantity}; a plain parameter is named by itself.
	 */
	private static String field(ConstraintViolation<?> violation) {
		Iterator<Path.Node> nodes = violation.getPropertyPath().iterator();
		StringBuilder field = new StringBuilder();
		String parameter = "";
		while (nodes.hasNext()) {
			Path.Node node = nodes.next();
			if (node.getKind() == ElementKind.METHOD) {
				continue;
			}
			if (node.getKind() == ElementKind.PARAMETER) {
				parameter = node.getName();
				continue;
			}
			if (node.getIndex() != null) {
				field.append('[').append(node.getIndex()).append(']');
			}
			if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
				field.append((field.length() > 0) ? "." : "").append(node.getName());
			}
		}
		return (field.length() > 0) ? field.toString() : parameter;
	}

}
