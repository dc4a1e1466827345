package dev.bulwark.audit;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.HandlerFunction;

import dev.bulwark.security.AdminNetworks;
import dev.bulwark.security.AuthenticationFailure;
import dev.bulwark.security.Caller;
import dev.bulwark.security.Callers;
import dev.bulwark.web.ClientAddresses;
import dev.bulwark.web.ProblemTypes;

/**
 * The outermost filter: gives every request its id (returned as {@code X-Request-Id}, and in the MDC of every log
 * line written for the request, with the trace id of a valid {@code traceparent}), and, when the request is done,
 * writes its one audit line to the {@code bulwark.audit} logger: what was asked, who asked, what became of it.
 * Tokens, bodies and headers outside an allow-list are never logged: of a body, only its size and SHA-256, as the
 * application read it. What a client wrote is escaped and cut short.
 * What became of each request is then told to the {@link RequestMetrics}.
 */
final class RequestAuditFilter extends OncePerRequestFilter {

	private static final String REQUEST_ID = "http.request.id";

	private static final String TRACE_ID = "trace.id";

	private static final Logger audit = LoggerFactory.getLogger("bulwark.audit");

	private static final int MAX_PATH = 256;

	private static final int MAX_USER_AGENT = 256;

	private static final int MAX_CLAIM = 128;

	private static final int MAX_HEADER = 256;

	/** What a header value the firewall refuses is recorded as. */
	static final String REFUSED_VALUE = "(refused by the firewall)";

	private static final String HEADER_FIELD = "http.request.header.";

	private final List<String> headers;

	private final List<RequestMetrics> metrics;

	RequestAuditFilter(AuditProperties properties, List<RequestMetrics> metrics) {
		this.headers = properties.headers().stream().map(name -> name.toLowerCase(Locale.ROOT)).distinct().toList();
		this.metrics = List.copyOf(metrics);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long started = System.nanoTime();
		String requestId = RequestIds.requestId(header(request, RequestIds.REQUEST_ID_HEADER));
		String traceId = RequestIds.traceId(header(request, RequestIds.TRACEPARENT_HEADER));
		response.setHeader(RequestIds.REQUEST_ID_HEADER, requestId);
		MDC.put(REQUEST_ID, requestId);
		if (traceId != null) {
			MDC.put(TRACE_ID, traceId);
		}
		DigestedBodyRequest digested = new DigestedBodyRequest(request);
		boolean failed = true;
		try {
			chain.doFilter(digested, response);
			failed = false;
		}
		finally {
			log(digested, requestId, failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus(),
					System.nanoTime() - started);
			MDC.remove(REQUEST_ID);
			MDC.remove(TRACE_ID);
		}
	}

	private void log(DigestedBodyRequest request, String requestId, int status, long nanos) {
		Optional<Caller> caller = Callers.of(request);
		String route = (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern)
				? pattern : null;
		// One of the API's own routes (a function route), not an actuator endpoint or no route at all.
		boolean apiRoute = request
			.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerFunction<?>;
		Outcome outcome = Outcome.of(status, caller.isPresent(), apiRoute);
		String method = LogValues.safe(request.getMethod(), 16);
		String path = LogValues.safe(request.getRequestURI(), MAX_PATH);
		LoggingEventBuilder line = audit.atInfo()
			.setMessage(method + " " + ((route != null) ? route : path) + " " + status + " " + outcome.code())
			.addKeyValue("event.action", "http-request")
			.addKeyValue("http.request.method", method)
			.addKeyValue("url.path", path)
			.addKeyValue("http.route", (route != null) ? route : LogValues.ABSENT)
			.addKeyValue("http.response.status_code", status)
			.addKeyValue("event.duration", nanos)
			.addKeyValue("bulwark.outcome", outcome.code())
			.addKeyValue("client.address", LogValues.safe(ClientAddresses.of(request), 64))
			.addKeyValue("user_agent.original",
					LogValues.safe(header(request, HttpHeaders.USER_AGENT), MAX_USER_AGENT));
		for (String name : this.headers) {
			String value = header(request, name);
			if (value != null) {
				line.addKeyValue(HEADER_FIELD + name, LogValues.safe(value, MAX_HEADER));
			}
		}
		long bodyBytes = request.bytesRead();
		if (bodyBytes > 0) {
			line.addKeyValue("http.request.body.bytes", bodyBytes).addKeyValue("bulwark.body.sha256", request.sha256());
		}
		ProblemTypes.of(request).ifPresent(type -> line.addKeyValue("bulwark.problem.type", type.toString()));
		String reason = reason(request);
		if (reason != null) {
			line.addKeyValue("bulwark.reason", reason);
		}
		caller.ifPresent(who -> line.addKeyValue("user.id", LogValues.safe(who.subject(), MAX_CLAIM))
			.addKeyValue("bulwark.client_id", LogValues.safe(who.clientId(), MAX_CLAIM))
			.addKeyValue("bulwark.tier", LogValues.safe(who.tier(), MAX_CLAIM))
			.addKeyValue("bulwark.token", who.tokenFingerprint()));
		line.log();
		AuditedRequest audited = new AuditedRequest(requestId, outcome.code(), reason,
				caller.map(Caller::tier).orElse(null), nanos);
		for (RequestMetrics each : this.metrics) {
			each.record(audited);
		}
	}

	/**
	 * Why the request was refused, where the status alone does not say: why its token was not accepted, or that it
	 * was admin work from outside the admin networks.
	 */
	private static @Nullable String reason(HttpServletRequest request) {
		if (AdminNetworks.outside(request)) {
			return AdminNetworks.OUTSIDE;
		}
		return AuthenticationFailure.of(request).map(AuthenticationFailure::code).orElse(null);
	}

	/**
	 * A header's values, joined; the firewall checks a value when it is read, and one it refuses is recorded as
	 * such instead of ending the audit of the request (the refusal would then have been answered on top of what
	 * the client was already told, and the request left unaudited).
	 */
	private static @Nullable String header(HttpServletRequest request, String name) {
		try {
			Enumeration<String> values = request.getHeaders(name);
			return (values != null && values.hasMoreElements()) ? String.join(", ", Collections.list(values)) : null;
		}
		catch (RequestRejectedException refused) {
			return REFUSED_VALUE;
		}
	}

}
