package dev.bulwark.audit;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.AuditLog;
import dev.bulwark.support.AuditLog.Line;
import dev.bulwark.support.ContractTest;
import dev.bulwark.support.PersonalData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every change to an order leaves a business audit line, joined to the request that made it by its id, in both
 * runtimes: who did what to which order, and nothing personal.
 */
class OrderAuditIT extends ContractTest {

	private final AuditLog log = AuditLog.shared();

	@Test
	void placingAnOrderIsAuditedWithTheCustomerAndARepeatIsMarkedAsReplayed() {
		String key = UUID.randomUUID().toString();
		ApiResponse placed = place(key);
		ApiResponse replayed = place(key);

		String orderId = placed.json().get("id").asString();
		Line first = this.log.line(placed.header("X-Request-Id"), "order-placed");
		assertThat(first.fields()).containsEntry("order.id", orderId)
			.containsEntry("user.id", subjectOf(ALICE))
			.containsEntry("order.replayed", "false");
		assertThat(this.log.line(replayed.header("X-Request-Id"), "order-placed").fields())
			.containsEntry("order.id", orderId)
			.containsEntry("order.replayed", "true");
		assertNothingPersonalIn(placed.header("X-Request-Id"));
	}

	@Test
	void statusChangesAndCancellationAreAuditedFromAndTo() {
		String orderId = placeOrder(ALICE);

		ApiResponse confirmed = changeStatus(orderId, "CONFIRMED");
		ApiResponse cancelled = this.api.post("/orders/" + orderId + "/cancel").token(this.tokens.user(ALICE)).send();

		assertThat(this.log.line(confirmed.header("X-Request-Id"), "order-status-changed").fields())
			.containsEntry("order.id", orderId)
			.containsEntry("user.id", subjectOf(CAROL))
			.containsEntry("order.status.from", "PENDING")
			.containsEntry("order.status.to", "CONFIRMED");
		assertThat(this.log.line(cancelled.header("X-Request-Id"), "order-cancelled").fields())
			.containsEntry("order.id", orderId)
			.containsEntry("user.id", subjectOf(ALICE))
			.containsEntry("order.status.from", "CONFIRMED")
			.containsEntry("order.status.to", "CANCELLED");
	}

	@Test
	void deletionIsAuditedWithTheAdmin() {
		String orderId = placeOrder(ALICE);

		ApiResponse deleted = this.api.delete("/orders/" + orderId).token(this.tokens.userWithMfa(DAVE)).send();

		assertThat(deleted.status()).isEqualTo(204);
		assertThat(this.log.line(deleted.header("X-Request-Id"), "order-deleted").fields())
			.containsEntry("order.id", orderId)
			.containsEntry("user.id", subjectOf(DAVE));
	}

	@Test
	void aRefusedChangeLeavesNoBusinessAuditLine() {
		String orderId = placeOrder(ALICE);

		ApiResponse refused = changeStatus(orderId, "DELIVERED");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(this.log.line(refused.header("X-Request-Id")).fields()).containsEntry("bulwark.outcome", "conflict");
		assertThat(this.log.auditLines(refused.header("X-Request-Id"))).hasSize(1);
	}

	private ApiResponse place(String idempotencyKey) {
		return this.api.post("/orders")
			.token(this.tokens.user(ALICE))
			.header("Idempotency-Key", idempotencyKey)
			.json(orderJson())
			.send();
	}

	private ApiResponse changeStatus(String orderId, String status) {
		return this.api.put("/orders/" + orderId + "/status")
			.token(this.tokens.user(CAROL))
			.json("{\"status\":\"" + status + "\"}")
			.send();
	}

	private String subjectOf(String username) {
		return this.api.get("/me").token(this.tokens.user(username)).send().json().get("subject").asString();
	}

	/**
	 * The shipping address and note of {@code orderJson()} appear in no log line of the request.
	 */
	private void assertNothingPersonalIn(String requestId) {
		assertThat(this.log.eventsOf(requestId)).isNotEmpty()
			.allSatisfy(event -> assertThat(event.getFormattedMessage() + event.getKeyValuePairs())
				.doesNotContain(PersonalData.ALL));
	}

}
