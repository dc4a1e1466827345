package dev.bulwark.order;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.ContractTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Object-level authorization (BOLA): a customer sees and changes only their own orders, and cannot tell another
 * customer's order from one that does not exist.
 */
class OwnershipIT extends ContractTest {

	@Test
	void customerCannotReadAnotherCustomersOrder() {
		String alicesOrder = placeOrder(ALICE);

		ApiResponse response = this.api.get("/orders/" + alicesOrder).token(this.tokens.user(BOB)).send();

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body()).doesNotContain("Alice").doesNotContain("BLW-MUG").doesNotContain(subjectOf(ALICE));
	}

	private String subjectOf(String user) {
		return this.api.get("/me").token(this.tokens.user(user)).send().json().get("subject").asString();
	}

	@Test
	void anotherCustomersOrderLooksExactlyLikeAMissingOne() {
		String alicesOrder = placeOrder(ALICE);
		String missing = "00000000-0000-4000-8000-000000000000";

		ApiResponse foreign = this.api.get("/orders/" + alicesOrder).token(this.tokens.user(BOB)).send();
		ApiResponse absent = this.api.get("/orders/" + missing).token(this.tokens.user(BOB)).send();

		assertThat(foreign.status()).isEqualTo(absent.status()).isEqualTo(404);
		assertThat(foreign.json().get("detail")).isEqualTo(absent.json().get("detail"));
	}

	@Test
	void customerCannotCancelAnotherCustomersOrder() {
		String alicesOrder = placeOrder(ALICE);

		ApiResponse response = this.api.post("/orders/" + alicesOrder + "/cancel").token(this.tokens.user(BOB)).send();

		assertThat(response.status()).isEqualTo(404);
		assertThat(this.api.get("/orders/" + alicesOrder).token(this.tokens.user(ALICE)).send().json().get("status").asString())
			.isEqualTo("PENDING");
	}

	@Test
	void customerListsOnlyTheirOwnOrders() {
		String alicesOrder = placeOrder(ALICE);
		String bobsOrder = placeOrder(BOB);
		String bob = subjectOf(BOB);

		JsonNode page = this.api.get("/orders?limit=100").token(this.tokens.user(BOB)).send().json();

		assertThat(page.get("items")).isNotEmpty()
			.allSatisfy(order -> assertThat(order.get("customerId").asString()).isEqualTo(bob));
		assertThat(page.get("items")).extracting(order -> order.get("id").asString())
			.contains(bobsOrder)
			.doesNotContain(alicesOrder);
	}

	@Test
	void staffAndReportingSeeEveryonesOrders() {
		String alicesOrder = placeOrder(ALICE);

		assertThat(this.api.get("/orders/" + alicesOrder).token(this.tokens.user(CAROL)).send().status()).isEqualTo(200);
		assertThat(this.api.get("/orders/" + alicesOrder).token(reportingToken()).send().status()).isEqualTo(200);
	}

	@Test
	void customerCannotUseAnotherCustomersPageCursor() {
		placeOrder(ALICE);
		placeOrder(ALICE);
		String alicesCursor = this.api.get("/orders?limit=1").token(this.tokens.user(ALICE)).send().json().get("next")
			.asString();

		ApiResponse response = this.api.get("/orders?limit=1&cursor=" + alicesCursor).token(this.tokens.user(BOB)).send();

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("detail").asString()).isEqualTo("The cursor is invalid.");
	}

}
