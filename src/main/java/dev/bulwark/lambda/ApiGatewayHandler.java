package dev.bulwark.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.internal.LambdaContainerHandler;
import com.amazonaws.serverless.proxy.spring.SpringDelegatingLambdaContainerHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.crac.Core;
import org.crac.Resource;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.bulwark.BulwarkApplication;
import dev.bulwark.security.PrimingTokens;
import dev.bulwark.web.InternalServerError;

/**
 * The Lambda entry point of the HTTP API. API Gateway events (HTTP API payload 2.0 and REST API) run through the
 * same Spring MVC routes and Spring Security filter chain as in the Boot app, by way of
 * {@link SpringDelegatingLambdaContainerHandler}. Around it, this handler mends what that adapter gets wrong for
 * this API:
 * <ul>
 * <li>HTTP API events carry lower-case header names, which the adapter misses when it looks for
 * {@code Content-Type}, so it would take every body for JSON; the header is passed on under its canonical name,
 * and a body without one is declared {@code application/octet-stream}, as a servlet container assumes.</li>
 * <li>The adapter answers in the REST API format ({@code multiValueHeaders}), which HTTP APIs ignore; for them the
 * response is rewritten to payload 2.0 ({@code headers}, {@code cookies}).</li>
 * <li>An exception that escapes the adapter would fail the invocation; it becomes a plain 500 problem.</li>
 * <li>Bodies are UTF-8, not the adapter's ISO-8859-1 default.</li>
 * <li>{@code Content-Length} is the length of the body the event carries, whatever the event's headers said, and
 * header values lose the whitespace around them, as a servlet container strips it.</li>
 * <li>An event that is JSON but no object, or whose URL has a malformed escape, is refused with a 400 problem.</li>
 * </ul>
 * On SnapStart, requests are pushed through before the snapshot, so that the classes of the whole request path are
 * loaded and warm in it: some without a token, and some of a customer whose token is signed by a key that exists
 * only while they run ({@link PrimingTokens}). Neither the identity provider nor DynamoDB is contacted, so no key or
 * token can go stale in a snapshot and no write is made for it. A priming request that is not answered as expected
 * fails the checkpoint, rather than a snapshot being taken that was not primed.
 */
public class ApiGatewayHandler implements RequestStreamHandler, Resource {

	private static final Log logger = LogFactory.getLog(ApiGatewayHandler.class);

	/**
	 * Reads API Gateway's events, and refuses one with a duplicate property as every JSON reader of the
	 * application does, so that no event can mean one thing here and another to the adapter.
	 */
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.build();

	/**
	 * The priming tokens of the application context this JVM's handler started, handed over by
	 * {@link LambdaRuntime}: the adapter does not expose its context, and Lambda runs one handler per JVM. A JVM
	 * that starts more (a test run) primes with the first context's tokens, which only the first handler trusts.
	 */
	private static final AtomicReference<@Nullable PrimingTokens> PRIMING_TOKENS = new AtomicReference<>();

	private static final List<Priming> TOKENLESS_PRIMING = List.of(new Priming("GET", "/actuator/health", null, 200),
			new Priming("GET", "/orders", null, 401), new Priming("POST", "/orders", "{}", 401),
			new Priming("GET", "/no-such-route", null, 401));

	/** A customer's requests that touch no table: who they are, and an order refused before anything is stored. */
	private static final List<Priming> CUSTOMER_PRIMING = List.of(new Priming("GET", "/me", null, 200),
			new Priming("POST", "/orders", "{\"lines\":[]}", 400));

	private final SpringDelegatingLambdaContainerHandler delegate;

	public ApiGatewayHandler() throws ContainerInitializationException {
		this(new Class<?>[0]);
	}

	/**
	 * @param additionalConfiguration configuration classes to start next to the application (tests use this)
	 */
	public ApiGatewayHandler(Class<?>... additionalConfiguration) throws ContainerInitializationException {
		LambdaLogging.structuredByDefault();
		LambdaContainerHandler.getContainerConfig().setDefaultContentCharset("UTF-8");
		this.delegate = new SpringDelegatingLambdaContainerHandler(Stream
			.concat(Stream.of(BulwarkApplication.class, LambdaRuntime.class), Stream.of(additionalConfiguration))
			.toArray(Class<?>[]::new));
		Core.getGlobalContext().register(this);
	}

	@Override
	public void handleRequest(InputStream input, OutputStream output, @Nullable Context context) throws IOException {
		if (!(JSON.readTree(input) instanceof ObjectNode event)) {
			// JSON, but no object: no API Gateway request, and nothing to route.
			JSON.writeValue(output, problemResponse(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"The event is not an API Gateway request."), false));
			return;
		}
		boolean httpApi = "2.0".equals(event.path("version").asString(""));
		if (malformedEscape(event)) {
			// What a servlet container answers to a URL it cannot decode; the adapter would throw, a 500.
			JSON.writeValue(output, problemResponse(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"The request's URL is not validly encoded."), httpApi));
			return;
		}
		withoutSurroundingWhitespace(event);
		if (httpApi) {
			canonicalizeContentType(event);
		}
		contentLengthOfTheBody(event);
		ByteArrayOutputStream response = new ByteArrayOutputStream();
		LambdaLogging.invocation((context != null) ? context.getAwsRequestId() : null, requestId(event));
		try {
			this.delegate.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), response, context);
		}
		catch (RuntimeException ex) {
			logger.error("Unhandled error", ex);
			JSON.writeValue(output, problemResponse(InternalServerError.problem(), httpApi));
			return;
		}
		finally {
			LambdaLogging.invocationDone();
		}
		if (httpApi) {
			JSON.writeValue(output, toPayloadV2((ObjectNode) JSON.readTree(response.toByteArray())));
		}
		else {
			output.write(response.toByteArray());
		}
	}

	@Override
	public void beforeCheckpoint(org.crac.Context<? extends Resource> context) throws IOException {
		for (Priming priming : TOKENLESS_PRIMING) {
			prime(priming, null);
		}
		PrimingTokens tokens = PRIMING_TOKENS.get();
		if (tokens == null) {
			throw new IllegalStateException("The application context handed over no priming tokens");
		}
		tokens.withCustomerToken((token) -> CUSTOMER_PRIMING.forEach((priming) -> prime(priming, token)));
	}

	static void primeWith(PrimingTokens tokens) {
		PRIMING_TOKENS.compareAndSet(null, tokens);
	}

	private void prime(Priming priming, @Nullable String token) {
		ByteArrayOutputStream response = new ByteArrayOutputStream();
		try {
			handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(syntheticEvent(priming, token))), response,
					null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		int status = JSON.readTree(response.toByteArray()).path("statusCode").asInt();
		if (status != priming.status()) {
			throw new IllegalStateException("Priming " + priming.method() + " " + priming.path() + " answered " + status
					+ " instead of " + priming.status());
		}
	}

	@Override
	public void afterRestore(org.crac.Context<? extends Resource> context) {
		// Nothing was fetched before the snapshot: keys and tokens are first read after the restore.
	}

	private static void canonicalizeContentType(ObjectNode event) {
		ObjectNode map = (event.get("headers") instanceof ObjectNode headers) ? headers : event.putObject("headers");
		String contentType = null;
		for (Map.Entry<String, JsonNode> header : map.properties()) {
			if (header.getKey().equalsIgnoreCase("Content-Type")) {
				contentType = header.getValue().asString();
			}
		}
		boolean hasBody = event.hasNonNull("body") && !event.get("body").asString().isEmpty();
		if (contentType != null) {
			map.put("Content-Type", contentType);
		}
		else if (hasBody) {
			map.put("Content-Type", "application/octet-stream");
		}
	}

	/**
	 * Header values without the whitespace around them, which is no part of a field value (RFC 9110, section 5.5)
	 * and which a servlet container strips: {@code Accept} of a tab is an empty one in both runtimes.
	 */
	private static void withoutSurroundingWhitespace(ObjectNode event) {
		if (event.get("headers") instanceof ObjectNode headers) {
			for (Map.Entry<String, JsonNode> header : headers.properties()) {
				String value = header.getValue().isString() ? header.getValue().asString() : null;
				// strip() answers the very string when there is nothing to strip: no new node then.
				if (value != null && value.strip() != value) {
					header.setValue(JSON.getNodeFactory().stringNode(value.strip()));
				}
			}
		}
		if (event.get("multiValueHeaders") instanceof ObjectNode headers) {
			for (JsonNode values : headers) {
				if (values instanceof ArrayNode list) {
					for (int i = 0; i < list.size(); i++) {
						String value = list.get(i).isString() ? list.get(i).asString() : null;
						if (value != null && value.strip() != value) {
							list.set(i, value.strip());
						}
					}
				}
			}
		}
	}

	/**
	 * Whether the path or query of the event has a {@code %} that is not followed by two hexadecimal digits.
	 */
	private static boolean malformedEscape(ObjectNode event) {
		for (String field : List.of("/rawPath", "/rawQueryString", "/path", "/requestContext/http/path",
				"/requestContext/path")) {
			String text = event.at(field).asString("");
			for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
				if (i + 2 >= text.length() || !asciiHex(text.charAt(i + 1)) || !asciiHex(text.charAt(i + 2))) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * A hexadecimal digit as a URL spells it: ASCII only ({@code Character.digit} would take an Arabic-Indic six).
	 */
	private static boolean asciiHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	/**
	 * The length of the body the event carries, in place of any {@code Content-Length} among its headers. Only the
	 * body is the body: a header a client wrote does not describe what API Gateway decoded, and a malformed one
	 * would fail deep in Spring MVC, a 500, where a servlet container refuses it with a 400 before the application.
	 */
	private static void contentLengthOfTheBody(ObjectNode event) {
		JsonNode body = event.path("body");
		long length = 0;
		if (body.isString()) {
			String text = body.asString();
			length = event.path("isBase64Encoded").asBoolean(false) ? base64Length(text)
					: text.getBytes(StandardCharsets.UTF_8).length;
		}
		for (String headers : List.of("headers", "multiValueHeaders")) {
			if (event.get(headers) instanceof ObjectNode map) {
				map.propertyNames()
					.stream()
					.filter(name -> name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH))
					.toList()
					.forEach(map::remove);
			}
		}
		if (length > 0) {
			ObjectNode single = (event.get("headers") instanceof ObjectNode map) ? map : event.putObject("headers");
			single.put(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
			if (event.get("multiValueHeaders") instanceof ObjectNode multi) {
				multi.putArray(HttpHeaders.CONTENT_LENGTH).add(Long.toString(length));
			}
		}
	}

	/**
	 * How many bytes the base64 text decodes to, without decoding it (padding and line breaks left out).
	 */
	private static long base64Length(String text) {
		long symbols = text.chars().filter(c -> c != '=' && c != '\r' && c != '\n').count();
		return symbols * 3 / 4;
	}

	/**
	 * HTTP API payload 2.0 has single-valued {@code headers} and a {@code cookies} list, not
	 * {@code multiValueHeaders}.
	 */
	private static ObjectNode toPayloadV2(ObjectNode response) {
		JsonNode multiValueHeaders = response.remove("multiValueHeaders");
		ObjectNode headers = response.putObject("headers");
		ArrayNode cookies = response.putArray("cookies");
		if (multiValueHeaders != null) {
			for (Map.Entry<String, JsonNode> header : multiValueHeaders.properties()) {
				if (header.getKey().equalsIgnoreCase("Set-Cookie")) {
					header.getValue().forEach(cookies::add);
					continue;
				}
				StringBuilder values = new StringBuilder();
				for (Iterator<JsonNode> value = header.getValue().iterator(); value.hasNext();) {
					values.append(value.next().asString()).append(value.hasNext() ? "," : "");
				}
				headers.put(header.getKey(), values.toString());
			}
		}
		return response;
	}

	/**
	 * A problem answered by the handler itself, with the headers a problem needs where the filter chain did not run.
	 */
	private static ObjectNode problemResponse(ProblemDetail problem, boolean httpApi) {
		ObjectNode response = JSON.createObjectNode();
		response.put("statusCode", problem.getStatus());
		response.put("isBase64Encoded", false);
		response.put("body", JSON.writeValueAsString(problem));
		if (httpApi) {
			ObjectNode single = response.putObject("headers");
			InternalServerError.HEADERS.forEach(single::put);
		}
		else {
			ObjectNode multi = response.putObject("multiValueHeaders");
			InternalServerError.HEADERS.forEach((name, value) -> multi.putArray(name).add(value));
		}
		return response;
	}

	/**
	 * API Gateway's id of the request, to find it in the access log; never anything the client wrote, which could
	 * forge log lines.
	 */
	private static String requestId(ObjectNode event) {
		String id = event.path("requestContext").path("requestId").asString("unknown");
		return id.substring(0, Math.min(id.length(), 64)).replaceAll("[^A-Za-z0-9=_-]", "?");
	}

	private static ObjectNode syntheticEvent(Priming priming, @Nullable String token) {
		String method = priming.method();
		String path = priming.path();
		ObjectNode event = JSON.createObjectNode();
		event.put("version", "2.0");
		event.put("routeKey", "$default");
		event.put("rawPath", path);
		event.put("rawQueryString", "");
		ObjectNode headers = event.putObject("headers").put("host", "localhost").put("user-agent", "snapstart-priming");
		if (token != null) {
			headers.put("authorization", "Bearer " + token);
		}
		if (priming.body() != null) {
			headers.put("content-type", "application/json");
			event.put("body", priming.body());
		}
		ObjectNode requestContext = event.putObject("requestContext");
		requestContext.put("domainName", "localhost");
		requestContext.put("stage", "$default");
		requestContext.put("requestId", "priming");
		requestContext.putObject("http")
			.put("method", method)
			.put("path", path)
			.put("protocol", "HTTP/1.1")
			.put("sourceIp", "127.0.0.1")
			.put("userAgent", "snapstart-priming");
		event.put("isBase64Encoded", false);
		return event;
	}

	private record Priming(String method, String path, @Nullable String body, int status) {
	}

}
