package dev.bulwark.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bulwark.support.ApiIntegrationTest;

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

		String response = exchange(request);

		assertThat(response).startsWith("HTTP/1.1 400 ");
		assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(response).contains("\"status\":400").doesNotContainIgnoringCase("tomcat").doesNotContain("<html");
	}

	private String exchange(String request) throws IOException {
		try (Socket socket = new Socket("localhost", bootPort())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}
