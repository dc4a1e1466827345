package dev.bulwark.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a cloud platform Boot switches Tomcat's own forwarded-header handling on unless told otherwise, and Tomcat
 * then takes the remote address from {@code X-Forwarded-For} of any private or loopback peer, before
 * {@link ClientAddresses} decides whom to believe. These tests run Tomcat with the application's configuration on
 * a simulated Kubernetes and ask it what remote address a request from an untrusted peer has.
 */
class ContainerForwardedHeadersTests {

	/** A loopback address that Tomcat's forwarded-header handling would take for one of its internal proxies. */
	private static final String PEER = "127.0.0.2";

	private static final String SPOOFED = "203.0.113.7";

	@Test
	void controlWithoutTheApplicationsConfigurationTomcatRewritesTheRemoteAddressOnKubernetes() throws IOException {
		try (ConfigurableApplicationContext context = startOnKubernetes("no-such-configuration")) {
			assertThat(remoteAddressOfRequestFrom(PEER, context)).isEqualTo(SPOOFED);
		}
	}

	@Test
	void withTheApplicationsConfigurationTomcatLeavesTheRemoteAddressAloneOnKubernetes() throws IOException {
		try (ConfigurableApplicationContext context = startOnKubernetes("application")) {
			assertThat(remoteAddressOfRequestFrom(PEER, context)).isEqualTo(PEER);
			assertThat(context.getEnvironment().getProperty("server.forward-headers-strategy")).isEqualTo("none");
		}
	}

	private static ConfigurableApplicationContext startOnKubernetes(String configurationName) {
		return new SpringApplicationBuilder(RemoteAddressEcho.class).web(WebApplicationType.SERVLET)
			.properties("spring.config.name=" + configurationName, "spring.main.cloud-platform=kubernetes",
					"spring.main.banner-mode=off", "server.port=0")
			.run();
	}

	private static String remoteAddressOfRequestFrom(String peer, ConfigurableApplicationContext context)
			throws IOException {
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(peer), 0));
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET / HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: " + SPOOFED + "\r\nForwarded: for="
					+ SPOOFED + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String response = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.lines()
				.collect(Collectors.joining("\n"));
			assertThat(response).startsWith("HTTP/1.1 200");
			return response.substring(response.lastIndexOf('\n') + 1);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TomcatServletWebServerAutoConfiguration.class)
	static class RemoteAddressEcho {

		@Bean
		ServletRegistrationBean<HttpServlet> remoteAddress() {
			return new ServletRegistrationBean<>(new HttpServlet() {
				@Override
				protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
					byte[] address = request.getRemoteAddr().getBytes(StandardCharsets.US_ASCII);
					response.setContentType("text/plain");
					response.setContentLength(address.length);
					response.getOutputStream().write(address);
				}
			}, "/");
		}

	}

}
