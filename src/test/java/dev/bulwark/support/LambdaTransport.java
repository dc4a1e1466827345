package dev.bulwark.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bulwark.lambda.ApiGatewayHandler;

/**
 * Turns a test request into the event API Gateway would send the Lambda function, with every field a deployed API
 * Gateway sends, invokes the handler, and reads its answer back.
 */
public final class LambdaTransport implements Transport {

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
		ApiGatewayEvent event = (this.httpApi ? ApiGatewayEvent.httpApi(method, pathAndQuery)
				: ApiGatewayEvent.restApi(method, pathAndQuery))
			.complete()
			.headers(headers)
			.body(body)
			.from(clientAddress);
		try {
			ByteArrayOutputStream output = new ByteArrayOutputStream();
			this.handler.handleRequest(new ByteArrayInputStream(event.bytes()), output, new TestLambdaContext());
			return response(JSON.readTree(output.toByteArray()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
