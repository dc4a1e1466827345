package dev.bulwark.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.http.HttpHeaders;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.bulwark.lambda.ApiGatewayHandler;

/**
 * Turns a test request into the event API Gateway would send the Lambda function, invokes the handler, and reads
 * its answer back. HTTP API events use payload format 2.0 on the {@code $default} stage; REST API events the
 * proxy format on stage {@code prod}.
 */
public final class LambdaTransport implements Transport {

	/** The domain both kinds of API are called on in these tests. */
	public static final String DOMAIN = "abc123.execute-api.eu-central-1.amazonaws.com";

	public static final String REST_API_STAGE = "prod";

	private static final JsonMapper JSON = TestJson.MAPPER;

	private final ApiGatewayHandler handler;

	private final boolean httpApi;

	private LambdaTransport(ApiGatewayHandler handler, boolean httpApi) {
		this.handler = handler;
		this.httpApi = httpApi;
	}

	public static LambdaTransport httpApi(ApiGatewayHandler handler) {
		return new LambdaTransport(handler, true);
	}

	public static LambdaTransport restApi(ApiGatewayHandler handler) {
		return new LambdaTransport(handler, false);
	}

	@Override
	public ApiResponse send(String method, String pathAndQuery, Map<String, String> headers, byte @Nullable [] body,
			boolean chunked, String clientAddress) {
		int question = pathAndQuery.indexOf('?');
		String path = (question < 0) ? pathAndQuery : pathAndQuery.substring(0, question);
		String query = (question < 0) ? "" : pathAndQuery.substring(question + 1);
		ObjectNode event = this.httpApi ? httpApiEvent(method, path, query, headers, clientAddress)
				: restApiEvent(method, path, query, headers, clientAddress);
		String text = (body != null) ? utf8(body) : null;
		if (text != null) {
			event.put("body", text);
		}
		else if (body != null) {
			// An event's body is a JSON string: bytes that are not UTF-8 text travel base64-encoded, as API Gateway
			// passes on binary bodies.
			event.put("body", Base64.getEncoder().encodeToString(body));
		}
		event.put("isBase64Encoded", body != null && text == null);
		try {
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			this.handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), output, null);
			return response(JSON.readTree(output.toByteArray()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ObjectNode httpApiEvent(String method, String path, String query, Map<String, String> headers,
			String clientAddress) {
		ObjectNode event = JSON.createObjectNode();
		event.put("version", "2.0");
		event.put("routeKey", "$default");
		event.put("rawPath", path);
		event.put("rawQueryString", query);
		ObjectNode eventHeaders = event.putObject("headers");
		eventHeaders.put("host", DOMAIN);
		// API Gateway lower-cases header names in payload 2.0.
		headers.forEach((name, value) -> eventHeaders.put(name.toLowerCase(Locale.ROOT), value));
		if (!query.isEmpty()) {
			ObjectNode parameters = event.putObject("queryStringParameters");
			parameters(query).forEach((name, values) -> parameters.put(name, String.join(",", values)));
		}
		ObjectNode context = event.putObject("requestContext");
		context.put("accountId", "123456789012");
		context.put("apiId", "abc123");
		context.put("domainName", DOMAIN);
		context.put("domainPrefix", "abc123");
		context.put("requestId", UUID.randomUUID().toString());
		context.put("routeKey", "$default");
		context.put("stage", "$default");
		context.put("timeEpoch", Instant.now().toEpochMilli());
		context.putObject("http")
			.put("method", method)
			.put("path", path)
			.put("protocol", "HTTP/1.1")
			.put("sourceIp", clientAddress)
			.put("userAgent", "bulwark-tests");
		return event;
	}

	private static ObjectNode restApiEvent(String method, String path, String query, Map<String, String> headers,
			String clientAddress) {
		ObjectNode event = JSON.createObjectNode();
		event.put("resource", "/{proxy+}");
		event.put("path", path);
		event.put("httpMethod", method);
		Map<String, String> all = new LinkedHashMap<>(headers);
		all.put("Host", DOMAIN);
		ObjectNode single = event.putObject("headers");
		ObjectNode multi = event.putObject("multiValueHeaders");
		all.forEach((name, value) -> {
			single.put(name, value);
			multi.putArray(name).add(value);
		});
		if (!query.isEmpty()) {
			ObjectNode parameters = event.putObject("queryStringParameters");
			ObjectNode multiParameters = event.putObject("multiValueQueryStringParameters");
			parameters(query).forEach((name, values) -> {
				parameters.put(name, values.get(values.size() - 1));
				values.forEach(multiParameters.putArray(name)::add);
			});
		}
		event.putObject("pathParameters").put("proxy", path.substring(1));
		ObjectNode context = event.putObject("requestContext");
		context.put("accountId", "123456789012");
		context.put("apiId", "abc123");
		context.put("resourcePath", "/{proxy+}");
		context.put("httpMethod", method);
		context.put("requestId", UUID.randomUUID().toString());
		context.put("stage", REST_API_STAGE);
		context.put("path", "/" + REST_API_STAGE + path);
		context.put("protocol", "HTTP/1.1");
		context.putObject("identity").put("sourceIp", clientAddress).put("userAgent", "bulwark-tests");
		return event;
	}

	private static @Nullable String utf8(byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	private static Map<String, List<String>> parameters(String query) {
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
		}
		return parameters;
	}

	private ApiResponse response(JsonNode response) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		if (this.httpApi) {
			response.path("headers").properties().forEach(header -> headers.put(header.getKey(),
					List.of(header.getValue().asString())));
			List<String> cookies = new ArrayList<>();
			response.path("cookies").forEach(cookie -> cookies.add(cookie.asString()));
			if (!cookies.isEmpty()) {
				headers.put("Set-Cookie", cookies);
			}
		}
		else {
			response.path("multiValueHeaders").properties().forEach(header -> {
				List<String> values = new ArrayList<>();
				header.getValue().forEach(value -> values.add(value.asString()));
				headers.put(header.getKey(), values);
			});
		}
		String body = response.path("body").asString("");
		if (response.path("isBase64Encoded").asBoolean(false)) {
			body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
		}
		return new ApiResponse(response.get("statusCode").asInt(), HttpHeaders.of(headers, (name, value) -> true), body);
	}

}
