package dev.bulwark.web;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.ContractTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud Function lets message headers choose the function to run ({@code spring.cloud.function.definition})
 * or evaluate SpEL ({@code spring.cloud.function.routing-expression}; CVE-2022-22963). Over HTTP, Bulwark's routes
 * are fixed: such headers change nothing.
 */
class RoutingHeadersIT extends ContractTest {

	@TempDir
	Path tempDir;

	@Test
	void functionDefinitionHeaderDoesNotChooseTheFunction() {
		String id = placeOrder(ALICE);

		ApiResponse response = this.api.get("/orders/" + id)
			.token(this.tokens.user(ALICE))
			.header("spring.cloud.function.definition", "deleteOrder")
			.send();

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("id").asString()).isEqualTo(id);
		assertThat(this.api.get("/orders/" + id).token(this.tokens.user(DAVE)).send().status()).isEqualTo(200);
	}

	@Test
	void routingExpressionHeaderIsNeverEvaluated() {
		Path marker = this.tempDir.resolve("pwned");
		String expression = "T(java.nio.file.Files).createFile(T(java.nio.file.Path).of('" + marker + "'))";

		ApiResponse list = this.api.get("/orders")
			.token(this.tokens.user(ALICE))
			.header("spring.cloud.function.routing-expression", expression)
			.send();
		ApiResponse me = this.api.get("/me")
			.token(this.tokens.user(ALICE))
			.header("spring.cloud.function.routing-expression", expression)
			.header("spring.cloud.function.definition", "placeOrder")
			.send();

		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().has("items")).isTrue();
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("username").asString()).isEqualTo(ALICE);
		assertThat(Files.exists(marker)).isFalse();
	}

	@Test
	void functionNameInThePathIsNotARoute() {
		ApiResponse response = this.api.get("/deleteOrder").token(this.tokens.user(DAVE)).send();

		assertThat(response.status()).isEqualTo(404);
	}

	@Test
	void scheduledExpiryFunctionCannotBeCalledOverHttp() {
		String event = """
				{"id":"1","detail-type":"Scheduled Event","source":"aws.events","time":"2026-01-01T00:00:00Z"}""";

		for (String path : new String[] { "/expirePendingOrders", "/functionRouter", "/orders/expirePendingOrders" }) {
			ApiResponse response = this.api.post(path)
				.token(this.tokens.user(DAVE))
				.header("spring.cloud.function.definition", "expirePendingOrders")
				.json(event)
				.send();
			assertThat(response.status()).as(path).isIn(404, 405);
		}
	}

}
