package dev.bulwark.support;

import java.net.http.HttpHeaders;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the API answered.
 */
public record ApiResponse(int status, HttpHeaders headers, String body) {

	private static final JsonMapper JSON = TestJson.MAPPER;

	public JsonNode json() {
		return JSON.readTree(this.body);
	}

	public @Nullable String header(String name) {
		return this.headers.firstValue(name).orElse(null);
	}

	@Override
	public String toString() {
		return this.status + " " + this.headers.map() + " " + this.body;
	}

}
