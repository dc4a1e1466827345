package dev.bulwark.support;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How a test request reaches the API: over HTTP to the Boot app, or as an API Gateway event to the Lambda handler.
 * The client address is where the request comes from as the API should see it: forwarded by a trusted proxy over
 * HTTP, API Gateway's {@code sourceIp} in an event.
 */
public interface Transport {

	ApiResponse send(String method, String pathAndQuery, Map<String, String> headers, byte @Nullable [] body,
			boolean chunked, String clientAddress);

}
