package dev.bulwark.order;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.ContractTest;

import static org.assertj.core.api.Assertions.assertThat;

class OrderLifecycleIT extends ContractTest {

	@Test
	void customerPlacesOrderPricedByTheServer() {
		ApiResponse created = this.api.post("/orders").token(this.tokens.user(ALICE)).json(orderJson()).send();

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode order = created.json();
		assertThat(created.header("Location")).endsWith("/orders/" + order.get("id").asString());
		assertThat(order.get("status").asString()).isEqualTo("PENDING");
		assertThat(order.get("total").decimalValue()).isEqualByComparingTo("28.20");
		assertThat(order.get("currency").asString()).isEqualTo("EUR");
		assertThat(order.get("items").get(0).get("unitPrice").decimalValue()).isEqualByComparingTo("12.50");
		assertThat(order.get("items").get(0).get("lineTotal").decimalValue()).isEqualByComparingTo("25.00");
		assertThat(order.has("version")).isFalse();
		// The Location's path, from the API's own paths on: behind a REST API it starts with the stage.
		String location = URI.create(created.header("Location")).getPath();
		JsonNode read = this.api.get(location.substring(location.lastIndexOf("/orders/")))
			.token(this.tokens.user(ALICE))
			.send()
			.json();
		assertThat(read).isEqualTo(order);
		assertThat(created.body()).contains("\"unitPrice\":12.50", "\"total\":28.20");
	}

	@Test
	void fulfillmentMovesOrderThroughItsLifeCycle() {
		String id = placeOrder(ALICE);

		for (String status : new String[] { "CONFIRMED", "SHIPPED", "DELIVERED" }) {
			ApiResponse response = changeStatus(id, status);
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertThat(response.json().get("status").asString()).isEqualTo(status);
		}
	}

	@Test
	void illegalTransitionIsAConflict() {
		String id = placeOrder(ALICE);

		ApiResponse skipped = changeStatus(id, "SHIPPED");

		assertProblem(skipped, 409);
		assertThat(skipped.json().get("detail").asString()).isEqualTo("An order that is PENDING cannot become SHIPPED.");
	}

	@Test
	void ownerCancelsConfirmedOrder() {
		String id = placeOrder(ALICE);
		changeStatus(id, "CONFIRMED");

		ApiResponse cancelled = this.api.post("/orders/" + id + "/cancel").token(this.tokens.user(ALICE)).send();

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
	}

	@Test
	void shippedOrderCannotBeCancelledEvenByAdmin() {
		String id = placeOrder(ALICE);
		changeStatus(id, "CONFIRMED");
		changeStatus(id, "SHIPPED");

		assertThat(this.api.post("/orders/" + id + "/cancel").token(this.tokens.user(ALICE)).send().status()).isEqualTo(409);
		assertThat(this.api.post("/orders/" + id + "/cancel").token(this.tokens.userWithMfa(DAVE)).send().status()).isEqualTo(409);
		assertThat(changeStatus(id, "CANCELLED").status()).isEqualTo(409);
	}

	@Test
	void adminDeletesOrder() {
		String id = placeOrder(ALICE);

		ApiResponse deleted = this.api.delete("/orders/" + id).token(this.tokens.userWithMfa(DAVE)).send();

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(deleted.body()).isEmpty();
		assertThat(this.api.get("/orders/" + id).token(this.tokens.userWithMfa(DAVE)).send().status()).isEqualTo(404);
		assertThat(this.api.delete("/orders/" + id).token(this.tokens.userWithMfa(DAVE)).send().status())
			.isEqualTo(404);
	}

	@Test
	void pagesThroughEveryOrderWithoutRepeats() {
		Set<String> placed = new HashSet<>();
		for (int i = 0; i < 5; i++) {
			placed.add(placeOrder(BOB));
		}
		Set<String> seen = new HashSet<>();
		String cursor = null;
		int pages = 0;
		do {
			ApiResponse response = this.api.get("/orders?limit=2" + ((cursor != null) ? "&cursor=" + cursor : ""))
				.token(this.tokens.user(BOB))
				.send();
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			JsonNode page = response.json();
			assertThat(page.get("items").size()).isLessThanOrEqualTo(2);
			page.get("items").forEach(order -> assertThat(seen.add(order.get("id").asString())).isTrue());
			cursor = page.get("next").isNull() ? null : page.get("next").asString();
			pages++;
		}
		while (cursor != null && pages < 100);
		assertThat(cursor).as("the last page says there is no next one").isNull();
		assertThat(seen).containsAll(placed);
	}

	@Test
	void tamperedCursorIsRefused() {
		placeOrder(BOB);
		placeOrder(BOB);
		String cursor = this.api.get("/orders?limit=1").token(this.tokens.user(BOB)).send().json().get("next").asString();
		char flipped = (cursor.charAt(20) == 'A') ? 'B' : 'A';
		String tampered = cursor.substring(0, 20) + flipped + cursor.substring(21);

		ApiResponse response = this.api.get("/orders?limit=1&cursor=" + tampered).token(this.tokens.user(BOB)).send();

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("detail").asString()).isEqualTo("The cursor is invalid.");
	}

	/**
	 * Cursors that were never sealed, of every length around the nonce and the authentication tag: one shorter
	 * than both once made the cipher fail with a runtime exception, a 500 (found by {@code PageCursorsFuzzTests}).
	 */
	@ParameterizedTest
	@ValueSource(ints = { 1, 15, 16, 17, 22, 31, 36, 37, 38, 60 })
	void forgedCursorOfAnyLengthIsRefused(int length) {
		ApiResponse response = this.api.get("/orders?cursor=" + "A".repeat(length)).token(this.tokens.user(BOB)).send();

		assertProblem(response, 400);
		assertThat(response.json().get("detail").asString()).isEqualTo("The cursor is invalid.");
	}

	@Test
	void customerCursorIsRefusedForTheAllOrdersListing() {
		placeOrder(BOB);
		placeOrder(BOB);
		String cursor = this.api.get("/orders?limit=1").token(this.tokens.user(BOB)).send().json().get("next").asString();

		ApiResponse response = this.api.get("/orders?limit=1&cursor=" + cursor).token(this.tokens.user(CAROL)).send();

		assertThat(response.status()).isEqualTo(400);
	}

	private ApiResponse changeStatus(String id, String status) {
		return this.api.put("/orders/" + id + "/status")
			.token(this.tokens.user(CAROL))
			.json("{\"status\":\"" + status + "\"}")
			.send();
	}

}
