package dev.bulwark.web;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.DPoPKey;
import dev.bulwark.support.HttpTransport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Absolute URLs never follow a {@code Host} header the client chose: with a public host configured they name
 * it, whatever the client sent; without one, only the allowed hosts are answered at all.
 */
class PublicHostIT {

	/**
	 * The default settings of the test run: no public host, loopback names allowed.
	 */
	@Nested
	class WithoutAPublicHost extends ApiIntegrationTest {

		@Test
		void requestForAHostThatIsNotAllowedIsRefused() {
			// 127.0.0.2 reaches the same server under a host name that is not allowed.
			ApiResponse refused = new Api(new HttpTransport("http://127.0.0.2:" + bootPort())).get("/orders")
				.token(this.tokens.user(ALICE))
				.send();

			assertProblem(refused, 400);
			assertThat(refused.body()).doesNotContain("127.0.0.2");
		}

		@Test
		void requestForAnAllowedHostIsServed() {
			assertThat(this.api.get("/orders").token(this.tokens.user(ALICE)).send().status()).isEqualTo(200);
		}

	}

	@Nested
	@TestPropertySource(properties = "bulwark.web.public-host=api.bulwark.example")
	class WithAPublicHost extends ApiIntegrationTest {

		private static final String ORIGIN = "https://api.bulwark.example";

		@Test
		void locationNamesThePublicHost() {
			ApiResponse created = clientChosenHost().post("/orders").token(this.tokens.user(ALICE)).json(orderJson()).send();

			assertThat(created.status()).isEqualTo(201);
			assertThat(created.header("Location")).isEqualTo(ORIGIN + "/orders/" + created.json().get("id").asString());
		}

		@Test
		void resourceMetadataNamesThePublicHost() {
			assertThat(clientChosenHost().get("/orders").send().header("WWW-Authenticate"))
				.contains("resource_metadata=\"" + ORIGIN + "/.well-known/oauth-protected-resource\"");
			assertThat(clientChosenHost().get("/.well-known/oauth-protected-resource").send().json().get("resource").asString())
				.isEqualTo(ORIGIN);
		}

		/**
		 * Behind a load balancer, a DPoP proof names the URL the client called, not the one the servlet container
		 * was reached on.
		 */
		@Test
		void dpopProofMustNameThePublicUrl() {
			DPoPKey key = DPoPKey.generate();
			String token = this.tokens.userWithDPoP(ALICE, key);

			ApiResponse taken = clientChosenHost().get("/me").dpop(token, key.proof("GET", ORIGIN + "/me", token)).send();
			ApiResponse refused = clientChosenHost().get("/me")
				.dpop(token, key.proof("GET", "http://127.0.0.2:" + bootPort() + "/me", token))
				.send();

			assertThat(taken.status()).as(taken.toString()).isEqualTo(200);
			assertProblem(refused, 401);
			assertThat(refused.header("WWW-Authenticate")).startsWith("DPoP error=\"invalid_dpop_proof\"");
		}

		/**
		 * Any host name reaches the server: with a public host, none is refused and none is echoed.
		 */
		private Api clientChosenHost() {
			return new Api(new HttpTransport("http://127.0.0.2:" + bootPort()));
		}

	}

}
