package dev.bulwark.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Calls the running API over real HTTP, with nothing added but what the test says: no cookies, no redirects.
 */
public final class Api {

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String baseUrl;

	public Api(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public Call get(String path) {
		return new Call("GET", path);
	}

	public Call post(String path) {
		return new Call("POST", path);
	}

	public Call put(String path) {
		return new Call("PUT", path);
	}

	public Call delete(String path) {
		return new Call("DELETE", path);
	}

	public Call method(String method, String path) {
		return new Call(method, path);
	}

	/**
	 * One request being put together.
	 */
	public final class Call {

		private final String method;

		private final String path;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private @Nullable String body;

		private boolean chunked;

		private Call(String method, String path) {
			this.method = method;
			this.path = path;
		}

		public Call token(String token) {
			return header("Authorization", "Bearer " + token);
		}

		public Call header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		public Call json(String json) {
			this.body = json;
			return header("Content-Type", "application/json");
		}

		public Call body(String contentType, String body) {
			this.body = body;
			return header("Content-Type", contentType);
		}

		/**
		 * Sends the body without a {@code Content-Length}, in chunks.
		 */
		public Call chunked() {
			this.chunked = true;
			return this;
		}

		public ApiResponse send() {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Api.this.baseUrl + this.path))
				.timeout(Duration.ofSeconds(30));
			this.headers.forEach(request::header);
			request.method(this.method, publisher());
			try {
				HttpResponse<String> response = Api.this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				return new ApiResponse(response.statusCode(), response.headers(), response.body());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private HttpRequest.BodyPublisher publisher() {
			if (this.body == null) {
				return HttpRequest.BodyPublishers.noBody();
			}
			byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
			if (this.chunked) {
				return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
			}
			return HttpRequest.BodyPublishers.ofByteArray(bytes);
		}

	}

}
