package dev.bulwark.ratelimit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.LambdaTransport;
import dev.bulwark.support.LocalLambda;

import static dev.bulwark.support.TestRateLimits.UNAUTHENTICATED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client cannot escape the per-address limit by writing another address into {@code X-Forwarded-For}: only a
 * trusted proxy's word counts, and neither a client connecting directly to the Boot app nor API Gateway's
 * {@code sourceIp} in Lambda is one.
 */
class ForwardedForIT extends ApiIntegrationTest {

	/**
	 * Not a token at all: a failed authentication, as far as the per-address limit is concerned.
	 */
	private static final String FORGED = "not-a-token";

	@Test
	void bootIgnoresForwardedForFromAnUntrustedPeer() throws IOException {
		// 127.0.0.2 is a loopback address that TestRateLimits does not trust as a proxy.
		for (int i = 0; i < UNAUTHENTICATED; i++) {
			assertThat(statusFrom("127.0.0.2", Api.newClientAddress())).isEqualTo(401);
		}

		assertThat(statusFrom("127.0.0.2", Api.newClientAddress())).isEqualTo(429);
	}

	@Test
	void bootReadsEveryForwardedForLineWhenAProxyAddsOneOfItsOwn() throws IOException {
		// The loopback address is a trusted proxy (TestRateLimits) that adds a line for the client it saw after the
		// line the client wrote itself.
		String client = Api.newClientAddress();
		for (int i = 0; i < UNAUTHENTICATED; i++) {
			assertThat(statusFrom("127.0.0.1", Api.newClientAddress(), client)).isEqualTo(401);
		}

		assertThat(statusFrom("127.0.0.1", Api.newClientAddress(), client)).isEqualTo(429);
	}

	@Test
	void lambdaIgnoresForwardedForAndUsesTheSourceIp() {
		Api lambda = new Api(LambdaTransport.httpApi(LocalLambda.handler()));
		for (int i = 0; i < UNAUTHENTICATED; i++) {
			assertThat(lambda.get("/orders").token(FORGED).header("X-Forwarded-For", Api.newClientAddress()).send().status())
				.isEqualTo(401);
		}

		assertThat(lambda.get("/orders").token(FORGED).header("X-Forwarded-For", Api.newClientAddress()).send().status())
			.isEqualTo(429);
	}

	/**
	 * Sends one {@code X-Forwarded-For} header line per given value, in order.
	 */
	private int statusFrom(String localAddress, String... forwardedFor) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), bootPort()), 5_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			StringBuilder request = new StringBuilder("GET /orders HTTP/1.1\r\nHost: localhost\r\n")
				.append("Authorization: Bearer ").append(FORGED).append("\r\n");
			for (String line : forwardedFor) {
				request.append("X-Forwarded-For: ").append(line).append("\r\n");
			}
			out.write(request.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			return Integer.parseInt(statusLine.split(" ")[1]);
		}
	}

}
