package dev.bulwark.order;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.Concurrently;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyIT extends ApiIntegrationTest {

	@Test
	void retryWithSameKeyAndBodyReturnsTheOriginalOrder() {
		Attempts attempts = placeTwiceWithOneKey(ALICE, ALICE);

		assertPlacedAfresh(attempts.first());
		assertThat(attempts.second().status()).isEqualTo(201);
		assertThat(attempts.second().header("Idempotent-Replayed")).isEqualTo("true");
		assertThat(attempts.second().header("Location")).isEqualTo(attempts.first().header("Location"));
		assertThat(attempts.second().json()).isEqualTo(attempts.first().json());
		assertThat(ordersWithNote(ALICE, note(attempts.body()))).isEqualTo(1);
	}

	@Test
	void sameKeyWithDifferentBodyIsUnprocessable() {
		String key = UUID.randomUUID().toString();
		place(ALICE, key, uniqueOrder());

		ApiResponse reuse = place(ALICE, key, uniqueOrder());

		assertProblem(reuse, 422);
	}

	@Test
	void keysAreScopedToTheCaller() {
		Attempts attempts = placeTwiceWithOneKey(ALICE, BOB);

		assertPlacedAfresh(attempts.second());
		assertThat(attempts.second().json().get("id")).isNotEqualTo(attempts.first().json().get("id"));
	}

	@Test
	void concurrentRetriesCreateOneOrder() throws Exception {
		String key = UUID.randomUUID().toString();
		String body = uniqueOrder();
		String token = this.tokens.user(ALICE);

		List<ApiResponse> responses = Concurrently.run(8,
				() -> this.api.post("/orders").token(token).header("Idempotency-Key", key).json(body).send());

		List<String> ids = new ArrayList<>();
		for (ApiResponse response : responses) {
			assertThat(response.status()).as(response.toString()).isIn(201, 409);
			if (response.status() == 201) {
				ids.add(response.json().get("id").asString());
			}
		}
		assertThat(ids).isNotEmpty();
		assertThat(ids).containsOnly(ids.get(0));
		assertThat(ordersWithNote(ALICE, note(body))).isEqualTo(1);
	}

	@Test
	void keyMustBeVisibleAsciiOfBoundedLength() {
		ApiResponse response = place(ALICE, "k".repeat(256), uniqueOrder());

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("idempotencyKey");
	}

	/**
	 * The same order body placed twice under one idempotency key, by these users in turn.
	 */
	private Attempts placeTwiceWithOneKey(String firstUser, String secondUser) {
		String key = UUID.randomUUID().toString();
		String body = uniqueOrder();
		return new Attempts(body, place(firstUser, key, body), place(secondUser, key, body));
	}

	private static void assertPlacedAfresh(ApiResponse response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(response.header("Idempotent-Replayed")).isNull();
	}

	private ApiResponse place(String user, String key, String body) {
		return this.api.post("/orders").token(this.tokens.user(user)).header("Idempotency-Key", key).json(body).send();
	}

	private static String uniqueOrder() {
		return orderJson().replace("Leave at the door", "idempotency " + UUID.randomUUID());
	}

	private static String note(String body) {
		return body.replaceAll("(?s).*\"note\":\"([^\"]*)\".*", "$1");
	}

	private long ordersWithNote(String user, String note) {
		long count = 0;
		String cursor = null;
		do {
			JsonNode page = this.api.get("/orders?limit=100" + ((cursor != null) ? "&cursor=" + cursor : ""))
				.token(this.tokens.user(user))
				.send()
				.json();
			for (JsonNode order : page.get("items")) {
				if (note.equals(order.path("note").asString(""))) {
					count++;
				}
			}
			cursor = page.get("next").isNull() ? null : page.get("next").asString();
		}
		while (cursor != null);
		return count;
	}

	private record Attempts(String body, ApiResponse first, ApiResponse second) {
	}

}
