package dev.bulwark.support;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event API Gateway sends the Lambda function for one request: from an HTTP API in payload format 2.0 on the
 * {@code $default} stage, or from a REST API in the proxy format on stage {@code prod}, both on {@link #DOMAIN}.
 * Unless {@link #complete()}, it holds only the few fields the handler reads.
 */
public final class ApiGatewayEvent {

	/** The domain both kinds of API are called on in these tests. */
	public static final String DOMAIN = "abc123.execute-api.eu-central-1.amazonaws.com";

	public static final String REST_API_STAGE = "prod";

	private static final JsonMapper JSON = TestJson.MAPPER;

	private final boolean httpApi;

	private final String method;

	private final String path;

	private final String query;

	private final Map<String, String> headers = new LinkedHashMap<>();

	private String requestId = UUID.randomUUID().toString();

	private String sourceIp = "203.0.113.7";

	private byte @Nullable [] body;

	private boolean complete;

	private ApiGatewayEvent(boolean httpApi, String method, String pathAndQuery) {
		int question = pathAndQuery.indexOf('?');
		this.httpApi = httpApi;
		this.method = method;
		this.path = (question < 0) ? pathAndQuery : pathAndQuery.substring(0, question);
		this.query = (question < 0) ? "" : pathAndQuery.substring(question + 1);
	}

	public static ApiGatewayEvent httpApi(String method, String pathAndQuery) {
		return new ApiGatewayEvent(true, method, pathAndQuery);
	}

	public static ApiGatewayEvent restApi(String method, String pathAndQuery) {
		return new ApiGatewayEvent(false, method, pathAndQuery);
	}

	/**
	 * A request header; the {@code Host} header is always the API's {@link #DOMAIN}, unless a header of an HTTP API
	 * event names another.
	 */
	public ApiGatewayEvent header(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	public ApiGatewayEvent headers(Map<String, String> headers) {
		this.headers.putAll(headers);
		return this;
	}

	public ApiGatewayEvent token(String token) {
		return header("Authorization", "Bearer " + token);
	}

	public ApiGatewayEvent body(String body) {
		return body(body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A body of any bytes: text stays text, anything that is not UTF-8 travels base64-encoded, as API Gateway passes
	 * on binary bodies.
	 */
	public ApiGatewayEvent body(byte @Nullable [] body) {
		this.body = body;
		return this;
	}

	/**
	 * API Gateway's {@code sourceIp}, the address the request came from.
	 */
	public ApiGatewayEvent from(String sourceIp) {
		this.sourceIp = sourceIp;
		return this;
	}

	public ApiGatewayEvent requestId(String requestId) {
		this.requestId = requestId;
		return this;
	}

	/**
	 * With every field a deployed API Gateway sends: account and API ids, the request time, the user agent, and in
	 * REST API events single-valued headers and the proxy path parameter besides the multi-valued ones.
	 */
	public ApiGatewayEvent complete() {
		this.complete = true;
		return this;
	}

	public byte[] bytes() {
		return JSON.writeValueAsBytes(json());
	}

	@Override
	public String toString() {
		return JSON.writeValueAsString(json());
	}

	private ObjectNode json() {
		ObjectNode event = JSON.createObjectNode();
		if (this.httpApi) {
			putHttpApiFields(event);
		}
		else {
			putRestApiFields(event);
		}
		String text = (this.body != null) ? utf8(this.body) : null;
		if (text != null) {
			event.put("body", text);
		}
		else if (this.body != null) {
			event.put("body", Base64.getEncoder().encodeToString(this.body));
		}
		event.put("isBase64Encoded", this.body != null && text == null);
		return event;
	}

	private void putHttpApiFields(ObjectNode event) {
		event.put("version", "2.0");
		event.put("routeKey", "$default");
		event.put("rawPath", this.path);
		event.put("rawQueryString", this.query);
		ObjectNode eventHeaders = event.putObject("headers");
		eventHeaders.put("host", DOMAIN);
		// API Gateway lower-cases header names in payload 2.0.
		this.headers.forEach((name, value) -> eventHeaders.put(name.toLowerCase(Locale.ROOT), value));
		if (!this.query.isEmpty()) {
			ObjectNode parameters = event.putObject("queryStringParameters");
			parameters().forEach((name, values) -> parameters.put(name, String.join(",", values)));
		}
		ObjectNode context = event.putObject("requestContext")
			.put("domainName", DOMAIN)
			.put("stage", "$default")
			.put("requestId", this.requestId);
		ObjectNode http = context.putObject("http")
			.put("method", this.method)
			.put("path", this.path)
			.put("protocol", "HTTP/1.1")
			.put("sourceIp", this.sourceIp);
		if (this.complete) {
			context.put("accountId", "123456789012")
				.put("apiId", "abc123")
				.put("domainPrefix", "abc123")
				.put("routeKey", "$default")
				.put("timeEpoch", Instant.now().toEpochMilli());
			http.put("userAgent", "bulwark-tests");
		}
	}

	private void putRestApiFields(ObjectNode event) {
		event.put("resource", "/{proxy+}");
		event.put("path", this.path);
		event.put("httpMethod", this.method);
		Map<String, String> all = new LinkedHashMap<>(this.headers);
		all.put("Host", DOMAIN);
		ObjectNode multi = event.putObject("multiValueHeaders");
		all.forEach((name, value) -> multi.putArray(name).add(value));
		if (!this.query.isEmpty()) {
			ObjectNode parameters = event.putObject("queryStringParameters");
			ObjectNode multiParameters = event.putObject("multiValueQueryStringParameters");
			parameters().forEach((name, values) -> {
				parameters.put(name, values.get(values.size() - 1));
				values.forEach(multiParameters.putArray(name)::add);
			});
		}
		ObjectNode context = event.putObject("requestContext")
			.put("stage", REST_API_STAGE)
			.put("path", "/" + REST_API_STAGE + this.path)
			.put("requestId", this.requestId);
		ObjectNode identity = context.putObject("identity").put("sourceIp", this.sourceIp);
		if (this.complete) {
			ObjectNode single = event.putObject("headers");
			all.forEach(single::put);
			event.putObject("pathParameters").put("proxy", this.path.substring(1));
			context.put("accountId", "123456789012")
				.put("apiId", "abc123")
				.put("resourcePath", "/{proxy+}")
				.put("httpMethod", this.method)
				.put("protocol", "HTTP/1.1");
			identity.put("userAgent", "bulwark-tests");
		}
	}

	private Map<String, List<String>> parameters() {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		for (String pair : this.query.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
		}
		return parameters;
	}

	private static @Nullable String utf8(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
