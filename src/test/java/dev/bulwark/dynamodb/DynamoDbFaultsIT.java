package dev.bulwark.dynamodb;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.test.context.ContextConfiguration;

import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.Concurrently;
import dev.bulwark.support.DPoPKey;
import dev.bulwark.support.DevRealm;
import dev.bulwark.support.Eventually;
import dev.bulwark.support.FaultyLink;
import dev.bulwark.support.FaultyLink.Fault;
import dev.bulwark.support.LocalDynamoDb;
import dev.bulwark.support.LocalInfrastructure;
import dev.bulwark.support.NewRealmUser;
import dev.bulwark.support.ReconfiguredContractTest;
import dev.bulwark.support.SettingsOnTop;
import dev.bulwark.support.TestRateLimits;
import dev.bulwark.support.Timed;
import dev.bulwark.support.Tokens.SignIn;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What clients see while DynamoDB fails, in both runtimes: each application reaches DynamoDB Local through a
 * {@link FaultyLink} that refuses, resets, stalls or throttles its calls, or loses their answers. Timeouts are
 * short here (400 ms an attempt, 1 s a call) so that the bounds show quickly; the defaults are in
 * {@code DynamoDbProperties}.
 */
// The link's settings on top of the shared ones: listed last, so that they are applied last.
@ContextConfiguration(initializers = { LocalInfrastructure.class, TestRateLimits.class,
		DynamoDbFaultsIT.ThroughFaultyLink.class }, inheritInitializers = false)
class DynamoDbFaultsIT extends ReconfiguredContractTest {

	private static final FaultyLink DYNAMODB = FaultyLink.to(LocalDynamoDb.shared().endpoint());

	private static final Map<String, String> SETTINGS = Map.of("bulwark.dynamodb.endpoint", DYNAMODB.url(),
			"bulwark.dynamodb.timeouts.attempt", "400ms", "bulwark.dynamodb.timeouts.call", "1s",
			"bulwark.dynamodb.max-concurrent-calls", "4", "bulwark.dynamodb.outage.window", "10",
			"bulwark.dynamodb.outage.open-for", "1s");

	/** A request makes at most two calls to DynamoDB (the fleet quota's and the order's), each bounded by 1 s. */
	private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(4);

	private static final String ORDERS = "bulwark-orders";

	@Override
	protected Map<String, String> settings() {
		return SETTINGS;
	}

	@AfterEach
	void dynamoDbIsBack() {
		// The guard refuses calls for a while after an outage, then probes: wait until it serves again.
		dynamoDbIsBackFor(this.tokens.user(ALICE), Duration.ofSeconds(15));
	}

	@ParameterizedTest
	@EnumSource(names = { "REFUSE", "RESET", "STALL", "THROTTLE" })
	void readsAndWritesAnswer503WithRetryAfterWhileDynamoDbFails(Fault fault) {
		String id = placeOrder(ALICE);
		DYNAMODB.inject(fault);

		assertUnavailable(() -> this.api.get("/orders/" + id).token(this.tokens.user(ALICE)).send());
		assertUnavailable(() -> this.api.post("/orders").token(this.tokens.user(ALICE)).json(orderJson()).send());
	}

	@Test
	void callersAreStillIdentifiedWhileDynamoDbIsDown() {
		try (NewRealmUser newcomer = NewRealmUser.customer()) {
			DYNAMODB.inject(Fault.REFUSE);

			// A client the fleet quota has never counted needs a write to its table: with the table down, the
			// instance's own limit is all that applies (bulwark.rate-limit.fleet.on-outage: allow).
			ApiResponse me = this.api.get("/me").token(tokenOf(newcomer)).send();

			assertThat(me.status()).as(me.toString()).isEqualTo(200);
			assertThat(me.header("RateLimit")).isNotNull();
		}
	}

	@Test
	void callsInFlightAreBoundedWhileDynamoDbStalls() throws Exception {
		String id = placeOrder(ALICE);
		String token = this.tokens.user(ALICE);
		DYNAMODB.inject(Fault.STALL);

		List<Timed> answers = Concurrently.run(12, () -> Timed.of(() -> this.api.get("/orders/" + id).token(token).send()));

		assertThat(answers).allSatisfy(answer -> {
			assertThat(answer.response().status()).as(answer.response().toString()).isEqualTo(503);
			assertThat(answer.took()).isLessThan(ANSWERED_WITHIN);
		});
		assertThat(DYNAMODB.mostStalledAtOnce()).as("calls held by the stalled DynamoDB at once").isBetween(1, 4);
	}

	@Test
	void callsAreRefusedWithoutBeingTriedWhileDynamoDbKeepsFailingAndResumeOnTheirOwn() {
		String id = placeOrder(ALICE);
		String token = this.tokens.user(ALICE);
		DYNAMODB.inject(Fault.REFUSE);
		for (int i = 0; i < 10; i++) {
			this.api.get("/orders/" + id).token(token).send();
		}

		int reachedBefore = DYNAMODB.requestsSeen();
		ApiResponse refused = this.api.get("/orders/" + id).token(token).send();

		assertProblem(refused, 503);
		assertThat(DYNAMODB.requestsSeen()).as("calls that reached DynamoDB").isEqualTo(reachedBefore);
		assertThat(metrics()).contains("bulwark_dependency_available{dependency=\"dynamodb\"} 0.0");

		DYNAMODB.heal();
		ApiResponse read = Eventually.ok(Duration.ofSeconds(10), () -> this.api.get("/orders/" + id).token(token).send());
		assertThat(read.status()).as("served again within 10 s of DynamoDB's return: " + read).isEqualTo(200);
		assertThat(metrics()).contains("bulwark_dependency_available{dependency=\"dynamodb\"} 1.0");
	}

	@Test
	void anOrderWhoseAnswerWasLostIsPlacedOnce() {
		try (NewRealmUser customer = NewRealmUser.customer()) {
			String token = tokenOf(customer);
			DYNAMODB.loseNextAnswerTo("PutItem", ORDERS);

			ApiResponse placed = this.api.post("/orders").token(token).json(orderJson()).send();

			assertThat(DYNAMODB.lostTheAnswer()).isTrue();
			assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
			assertThat(orderIds(token)).containsExactly(placed.json().get("id").asString());
		}
	}

	@Test
	void anOrderWithAnIdempotencyKeyWhoseAnswerWasLostIsPlacedOnce() {
		try (NewRealmUser customer = NewRealmUser.customer()) {
			String token = tokenOf(customer);
			DYNAMODB.loseNextAnswerTo("TransactWriteItems", ORDERS);

			ApiResponse placed = this.api.post("/orders")
				.token(token)
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.json(orderJson())
				.send();

			assertThat(DYNAMODB.lostTheAnswer()).isTrue();
			assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
			assertThat(placed.header("Idempotent-Replayed")).as("the first request's own order").isNull();
			assertThat(orderIds(token)).containsExactly(placed.json().get("id").asString());
		}
	}

	@Test
	void aClientRetryingWithItsIdempotencyKeyAfterA503GetsTheOneOrderThatWasPlaced() {
		try (NewRealmUser customer = NewRealmUser.customer()) {
			String token = tokenOf(customer);
			String key = UUID.randomUUID().toString();
			DYNAMODB.inject(Fault.LOSE_ANSWERS);

			ApiResponse failed = this.api.post("/orders").token(token).header("Idempotency-Key", key).json(orderJson()).send();

			assertProblem(failed, 503);
			dynamoDbIsBackFor(token, Duration.ofSeconds(10));
			ApiResponse retried = this.api.post("/orders").token(token).header("Idempotency-Key", key).json(orderJson()).send();
			assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
			assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
			assertThat(orderIds(token)).containsExactly(retried.json().get("id").asString());
		}
	}

	@Test
	void aStatusChangeWhoseAnswerWasLostIsAppliedOnce() {
		String id = placeOrder(ALICE);
		String fulfillment = this.tokens.user(CAROL);
		// The fleet quota leases the caller's allowance with an UpdateItem too: lease it before the answer is lost.
		this.api.get("/orders/" + id).token(fulfillment).send();
		DYNAMODB.loseNextAnswerTo("UpdateItem", ORDERS);

		ApiResponse confirmed = this.api.put("/orders/" + id + "/status")
			.token(fulfillment)
			.json("{\"status\":\"CONFIRMED\"}")
			.send();

		assertThat(DYNAMODB.lostTheAnswer()).isTrue();
		assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
		assertThat(confirmed.json().get("status").asString()).isEqualTo("CONFIRMED");
		ApiResponse shipped = this.api.put("/orders/" + id + "/status")
			.token(fulfillment)
			.json("{\"status\":\"SHIPPED\"}")
			.send();
		assertThat(shipped.status()).as("the version the confirmation stored is the one read: " + shipped).isEqualTo(200);
	}

	@Test
	void aDeletionWhoseAnswerWasLostIsReportedDone() {
		String id = placeOrder(ALICE);
		DYNAMODB.loseNextAnswerTo("DeleteItem", ORDERS);

		ApiResponse deleted = this.api.delete("/orders/" + id).token(this.tokens.userWithMfa(DAVE)).send();

		assertThat(DYNAMODB.lostTheAnswer()).isTrue();
		assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
		assertProblem(this.api.get("/orders/" + id).token(this.tokens.user(ALICE)).send(), 404);
	}

	@Test
	void dpopProofsAreRefusedWith503WhileTheRecordOfUsedProofsIsDown() {
		DPoPKey key = DPoPKey.generate();
		String token = this.tokens.userWithDPoP(ALICE, key);
		DYNAMODB.inject(Fault.REFUSE);

		assertUnavailable(() -> this.api.get("/me").dpop(token, key.proof("GET", publicUrl("/me"), token)).send());
	}

	@Test
	void aDPoPProofWhoseRecordingAnswerWasLostIsTakenOnce() {
		DPoPKey key = DPoPKey.generate();
		String token = this.tokens.userWithDPoP(ALICE, key);
		String proof = key.proof("GET", publicUrl("/me"), token);
		DYNAMODB.loseNextAnswerTo("PutItem", "bulwark-dpop-proofs");

		ApiResponse taken = this.api.get("/me").dpop(token, proof).send();

		assertThat(DYNAMODB.lostTheAnswer()).isTrue();
		assertThat(taken.status()).as("the retried write found its own first attempt: " + taken).isEqualTo(200);
		assertProblem(this.api.get("/me").dpop(token, proof).send(), 401);
	}

	private void assertUnavailable(Supplier<ApiResponse> request) {
		Timed answer = Timed.of(request);

		assertProblem(answer.response(), 503);
		assertThat(answer.response().header("Retry-After")).as("whole seconds").matches("[1-9][0-9]*");
		assertThat(answer.response().json().get("detail").asString())
			.isEqualTo("The service is temporarily unavailable. Try again later.");
		assertThat(answer.response().body()).doesNotContainIgnoringCase("dynamo").doesNotContain("Exception");
		assertThat(answer.took()).isLessThan(ANSWERED_WITHIN);
	}

	private void dynamoDbIsBackFor(String token, Duration within) {
		DYNAMODB.heal();
		ApiResponse listed = Eventually.ok(within, () -> this.api.get("/orders").token(token).send());
		assertThat(listed.status()).as("served again within " + within + ": " + listed).isEqualTo(200);
	}

	private String tokenOf(NewRealmUser user) {
		return this.tokens.signIn(user.person(), SignIn.withPassword()).get("access_token").asString();
	}

	private List<String> orderIds(String token) {
		ApiResponse listed = this.api.get("/orders?limit=100").token(token).send();
		assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
		return listed.json().get("items").valueStream().map(order -> order.get("id").asString()).toList();
	}

	private String metrics() {
		ApiResponse scrape = this.api.get("/actuator/prometheus").token(this.tokens.client(DevRealm.METRICS_CLIENT)).send();
		return scrape.body();
	}

	/** The Boot app of this class, with its settings. */
	static class ThroughFaultyLink extends SettingsOnTop {

		ThroughFaultyLink() {
			super(SETTINGS);
		}

	}

}
