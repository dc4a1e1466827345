package dev.bulwark.lambda;

import org.junit.jupiter.api.Test;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.LambdaTransport;
import dev.bulwark.support.LocalLambda;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lambda handler behind a REST API (API Gateway v1 proxy events): the essential rules, the full contract
 * being proven with HTTP API events by every {@code ContractTest}.
 */
class RestApiSmokeIT extends ApiIntegrationTest {

	private final Api restApi = new Api(LambdaTransport.restApi(LocalLambda.handler()));

	@Test
	void ownerPlacesAndReadsAnOrder() {
		ApiResponse created = this.restApi.post("/orders").token(this.tokens.user(ALICE)).json(orderJson()).send();
		String id = created.json().get("id").asString();

		ApiResponse read = this.restApi.get("/orders/" + id).token(this.tokens.user(ALICE)).send();

		assertThat(created.status()).isEqualTo(201);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json()).isEqualTo(created.json());
	}

	@Test
	void missingTokenIsA401Problem() {
		ApiResponse response = this.restApi.get("/orders").send();

		assertProblem(response, 401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
	}

	@Test
	void invalidTokenIsA401Problem() {
		ApiResponse response = this.restApi.get("/orders").token("not-a-jwt").send();

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
	}

	@Test
	void wrongRoleIsA403Problem() {
		ApiResponse response = this.restApi.post("/orders").token(this.tokens.user(CAROL)).json(orderJson()).send();

		assertProblem(response, 403);
	}

	@Test
	void anotherCustomersOrderIsA404() {
		String alicesOrder = placeOrder(ALICE);

		assertThat(this.restApi.get("/orders/" + alicesOrder).token(this.tokens.user(BOB)).send().status()).isEqualTo(404);
	}

	@Test
	void invalidBodyIsA400WithFieldErrors() {
		ApiResponse response = this.restApi.post("/orders")
			.token(this.tokens.user(ALICE))
			.json(orderJson().replace("\"quantity\":2", "\"quantity\":0"))
			.send();

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("items[0].quantity");
	}

	@Test
	void failureIsA500ProblemNotAFailedInvocation() {
		ApiResponse response = this.restApi.get("/_test/filter-failure").token(this.tokens.user(ALICE)).send();

		assertProblem(response, 500);
	}

	@Test
	void responsesCarrySecurityHeaders() {
		ApiResponse response = this.restApi.get("/orders").token(this.tokens.user(ALICE)).send();

		assertThat(response.header("Cache-Control")).contains("no-store");
		assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.header("Strict-Transport-Security")).startsWith("max-age=31536000");
	}

}
