package dev.bulwark.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one HTTP client of the tests, for the Boot app and Keycloak alike: it follows no redirects and keeps no
 * cookies, so a test sees every answer itself. The checked calls fail with what the server answered, body and all,
 * when the status is not the one expected.
 */
public final class Http {

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private static final JsonMapper JSON = TestJson.MAPPER;

	private Http() {
	}

	/**
	 * Sends the request and returns whatever the server answered.
	 */
	public static HttpResponse<String> send(HttpRequest request) {
		try {
			return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends the request and fails unless the server answers with the expected status.
	 */
	public static HttpResponse<String> send(HttpRequest request, int expectedStatus) {
		HttpResponse<String> response = send(request);
		if (response.statusCode() != expectedStatus) {
			throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
					+ response.statusCode() + ", not " + expectedStatus + ": " + response.body());
		}
		return response;
	}

	public static JsonNode getJson(String url, String bearerToken) {
		return JSON.readTree(send(withBearer(url, bearerToken).GET().build(), 200).body());
	}

	public static HttpResponse<String> postJson(String url, String bearerToken, Object body, int expectedStatus) {
		return send(withBearer(url, bearerToken).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build(), expectedStatus);
	}

	public static HttpResponse<String> putJson(String url, String bearerToken, Object body, int expectedStatus) {
		return send(withBearer(url, bearerToken).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build(), expectedStatus);
	}

	public static void delete(String url, String bearerToken, int expectedStatus) {
		send(withBearer(url, bearerToken).DELETE().build(), expectedStatus);
	}

	/**
	 * Posts a form, as to a token endpoint, and returns the JSON of a 200 answer.
	 */
	public static JsonNode postForm(String url, Map<String, String> fields) {
		return JSON.readTree(send(formPost(URI.create(url), fields).build(), 200).body());
	}

	public static HttpRequest.Builder formPost(URI uri, Map<String, String> fields) {
		return HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(fields.entrySet()
				.stream()
				.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"))));
	}

	private static HttpRequest.Builder withBearer(String url, String bearerToken) {
		return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + bearerToken);
	}

}
