package dev.bulwark.ratelimit;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.LambdaTransport;
import dev.bulwark.support.LocalLambda;
import dev.bulwark.support.RawHttp;

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
		StringBuilder request = new StringBuilder("GET /orders HTTP/1.1\r\nHost: localhost\r\n")
			.append("Authorization: Bearer ").append(FORGED).append("\r\n");
		for (String line : forwardedFor) {
			request.append("X-Forwarded-For: ").append(line).append("\r\n");
		}
		request.append("Connection: close\r\n\r\n");
		return RawHttp.status(RawHttp.exchange(localAddress, bootPort(), request.toString()));
	}

}
