package dev.bulwark.support;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How a test request reaches the API: over HTTP to the Boot app, or as an API Gateway event to the Lambda handler.
 */
public interface Transport {

	ApiResponse send(String method, String pathAndQuery, Map<String, String> headers, @Nullable String body,
			boolean chunked);

}
