package dev.bulwark.support;

import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of the tests, with Jackson's defaults: it reads what the API, Keycloak and the Lambda
 * handlers answer, writes the events the tests send, and stands in for the application's mapper in unit tests.
 */
public final class TestJson {

	public static final JsonMapper MAPPER = JsonMapper.builder().build();

	private TestJson() {
	}

}
