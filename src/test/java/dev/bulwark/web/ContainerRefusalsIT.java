package dev.bulwark.web;

import java.io.IOException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Tomcat refuses before the application sees it is still a problem document, and never Tomcat's HTML page
 * naming the server. (API Gateway refuses such requests itself in Lambda.)
 */
class ContainerRefusalsIT extends ApiIntegrationTest {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "header over the size limit", "request line over the size limit", "malformed request line" })
	void requestTheContainerRefusesIsAnsweredWithAProblem(String refusal) throws IOException {
		String request = switch (refusal) {
			case "header over the size limit" -> "GET /orders HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
					+ "a".repeat(20_000) + "\r\n\r\n";
			case "request line over the size limit" -> "GET /orders?" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
			default -> "GET /orders\u0001 HTTP/1.1\r\nHost: localhost\r\n\r\n";
		};

		String response = RawHttp.exchange("127.0.0.1", bootPort(), request);

		assertThat(response).startsWith("HTTP/1.1 400 ");
		assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(response).contains("\"status\":400").doesNotContainIgnoringCase("tomcat").doesNotContain("<html");
	}

}
