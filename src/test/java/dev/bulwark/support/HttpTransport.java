package dev.bulwark.support;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Real HTTP to the running Boot app through {@link Http}, with nothing added but what the test says and the client
 * address.
 */
public final class HttpTransport implements Transport {

	private final String baseUrl;

	public HttpTransport(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	@Override
	public ApiResponse send(String method, String pathAndQuery, Map<String, String> headers, byte @Nullable [] body,
			boolean chunked, String clientAddress) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + pathAndQuery))
			.timeout(Duration.ofSeconds(30));
		// The tests' loopback address is a trusted proxy (TestRateLimits), as a load balancer would be.
		if (headers.keySet().stream().noneMatch("X-Forwarded-For"::equalsIgnoreCase)) {
			request.header("X-Forwarded-For", clientAddress);
		}
		headers.forEach(request::header);
		request.method(method, publisher(body, chunked));
		HttpResponse<String> response = Http.send(request.build());
		return new ApiResponse(response.statusCode(), response.headers(), response.body());
	}

	private static HttpRequest.BodyPublisher publisher(byte @Nullable [] body, boolean chunked) {
		if (body == null) {
			return HttpRequest.BodyPublishers.noBody();
		}
		if (chunked) {
			return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
		}
		return HttpRequest.BodyPublishers.ofByteArray(body);
	}

}
