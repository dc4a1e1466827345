package dev.bulwark.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.Test;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.ApiRuntime;
import dev.bulwark.support.AuditLog;
import dev.bulwark.support.AuditLog.Line;
import dev.bulwark.support.ContractTest;
import dev.bulwark.support.DevRealm;
import dev.bulwark.support.PersonalData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request gets an id and leaves one audit line, in both runtimes alike: who asked for what, and what became
 * of it, without the token.
 */
class AuditTrailIT extends ContractTest {

	private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	private final AuditLog log = AuditLog.shared();

	@Test
	void requestWithoutAnIdGetsANewOneInTheResponseAndItsAuditLine() {
		ApiResponse response = this.api.get("/actuator/health").send();

		String requestId = response.header("X-Request-Id");
		assertThat(requestId).matches(UUID_PATTERN);
		assertThat(this.log.line(requestId).field("bulwark.outcome")).isEqualTo("allowed");
	}

	@Test
	void wellFormedRequestIdIsKept() {
		String requestId = "client-" + UUID.randomUUID();

		ApiResponse response = this.api.get("/actuator/health").header("X-Request-Id", requestId).send();

		assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
		assertThat(this.log.auditLines(requestId)).hasSize(1);
	}

	@Test
	void malformedRequestIdIsReplaced() {
		for (String offered : new String[] { "a".repeat(65), "id with spaces", "id;user.id=admin", "\"quoted\"" }) {
			ApiResponse response = this.api.get("/actuator/health").header("X-Request-Id", offered).send();

			assertThat(response.header("X-Request-Id")).as(offered).matches(UUID_PATTERN);
		}
	}

	@Test
	void auditLineNamesCallerClientTierAndTokenByFingerprintOnly() throws Exception {
		String token = this.tokens.user(ALICE);
		String address = Api.newClientAddress();

		ApiResponse response = this.api.get("/me")
			.token(token)
			.from(address)
			.header("User-Agent", "AuditTest/1.0")
			.send();

		Line line = this.log.line(response.header("X-Request-Id"));
		assertThat(line.fields()).containsEntry("http.request.method", "GET")
			.containsEntry("url.path", "/me")
			.containsEntry("http.route", "/me")
			.containsEntry("http.response.status_code", "200")
			.containsEntry("bulwark.outcome", "allowed")
			.containsEntry("user.id", response.json().get("subject").asString())
			.containsEntry("bulwark.client_id", DevRealm.WEB_CLIENT)
			.containsEntry("bulwark.tier", "default")
			.containsEntry("bulwark.token", sha256(token).substring(0, 32))
			.containsEntry("client.address", address)
			.containsEntry("user_agent.original", "AuditTest/1.0")
			.doesNotContainKey("bulwark.reason");
		assertThat(Long.parseLong(line.field("event.duration"))).isPositive();
		assertNoTokenIn(response.header("X-Request-Id"), token);
	}

	@Test
	void refusedTokenIsAuditedAsUnauthenticatedWithItsReason() {
		ApiResponse missing = this.api.get("/orders").send();
		ApiResponse malformed = this.api.get("/orders").token("not-a-jwt").send();

		assertThat(this.log.line(missing.header("X-Request-Id")).fields())
			.containsEntry("bulwark.outcome", "unauthenticated")
			.containsEntry("bulwark.reason", "missing")
			.doesNotContainKey("user.id");
		assertThat(this.log.line(malformed.header("X-Request-Id")).fields())
			.containsEntry("bulwark.outcome", "unauthenticated")
			.containsEntry("bulwark.reason", "malformed");
	}

	@Test
	void callerWithoutTheRoleIsAuditedAsForbidden() {
		ApiResponse response = this.api.delete("/orders/" + UUID.randomUUID()).token(this.tokens.user(ALICE)).send();

		assertThat(assertAudited(response, 403, "forbidden").fields()).containsKey("user.id");
	}

	@Test
	void anotherCustomersOrderIsAuditedAsNotFoundForTheCaller() {
		String order = placeOrder(ALICE);

		ApiResponse response = this.api.get("/orders/" + order).token(this.tokens.user(BOB)).send();

		assertThat(assertAudited(response, 404, "not-found-for-caller").field("http.route")).isEqualTo("/orders/{id}");
	}

	@Test
	void unknownRouteIsAuditedAsNotFound() {
		ApiResponse response = this.api.get("/no-such-route").token(this.tokens.user(ALICE)).send();

		assertThat(assertAudited(response, 404, "not-found").field("http.route")).isEqualTo("-");
	}

	@Test
	void nothingAtAnEndpointOutsideTheApiRoutesIsNotObjectProbing() {
		ApiResponse response = this.api.get("/actuator/metrics/no.such.metric")
			.token(this.tokens.userWithMfa(DAVE))
			.send();

		assertThat(assertAudited(response, 404, "not-found").field("http.route"))
			.isEqualTo("/actuator/metrics/{requiredMetricName}");
	}

	@Test
	void refusedBodyIsAuditedAsInvalid() {
		ApiResponse response = this.api.post("/orders").token(this.tokens.user(ALICE)).json("{\"items\":[]}").send();

		assertAudited(response, 400, "invalid");
	}

	@Test
	void refusalByTheOrdersStateIsAuditedAsConflict() {
		String order = placeOrder(ALICE);
		this.api.post("/orders/" + order + "/cancel").token(this.tokens.user(ALICE)).send();

		ApiResponse response = this.api.post("/orders/" + order + "/cancel").token(this.tokens.user(ALICE)).send();

		assertAudited(response, 409, "conflict");
	}

	@Test
	void failureIsAuditedAsErrorAndItsLogLineCarriesTheRequestId() {
		ApiResponse response = this.api.get("/_test/handler-failure").token(this.tokens.user(ALICE)).send();

		assertAudited(response, 500, "error");
		assertThat(this.log.eventsOf(response.header("X-Request-Id")))
			.anyMatch(event -> event.getLevel() == Level.ERROR);
	}

	@Test
	void valuesTheClientWroteAreEscapedAndCutShort() {
		ApiResponse response = this.api.get("/orders/" + "x".repeat(2_000))
			.token(this.tokens.user(ALICE))
			.header("User-Agent", "evil\" user.id=\"admin\\")
			.send();

		Line line = this.log.line(response.header("X-Request-Id"));
		assertThat(line.field("user_agent.original")).isEqualTo("evil\\\" user.id=\\\"admin\\\\");
		assertThat(line.field("url.path")).hasSize(256 + 3).endsWith("x...");
		assertThat(line.message()).hasSizeLessThan(400);
	}

	@Test
	void everyProblemIsAuditedWithItsTypeWhereverItWasWritten() {
		String bobs = placeOrder(BOB);

		ApiResponse byFilter = this.api.get("/orders").token("not-a-token").send();
		ApiResponse byMvc = this.api.post("/orders").token(this.tokens.user(ALICE)).json("{\"items\":[]}").send();
		ApiResponse byOrderModule = this.api.get("/orders/" + bobs).token(this.tokens.user(ALICE)).send();
		ApiResponse noProblem = this.api.get("/me").token(this.tokens.user(ALICE)).send();

		assertThat(assertAudited(byFilter, 401, "unauthenticated").field("bulwark.problem.type"))
			.isEqualTo("about:blank");
		assertThat(assertAudited(byMvc, 400, "invalid").field("bulwark.problem.type")).isEqualTo("about:blank");
		assertThat(assertAudited(byOrderModule, 404, "not-found-for-caller").field("bulwark.problem.type"))
			.isEqualTo("about:blank");
		assertThat(assertAudited(noProblem, 200, "allowed").fields()).doesNotContainKey("bulwark.problem.type");
	}

	@Test
	void bodyIsAuditedByItsSizeAndDigestOnly() throws Exception {
		String body = orderJson();

		ApiResponse response = this.api.post("/orders").token(this.tokens.user(ALICE)).json(body).send();

		Line line = assertAudited(response, 201, "allowed");
		assertThat(line.field("http.request.body.bytes"))
			.isEqualTo(String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
		assertThat(line.field("bulwark.body.sha256")).isEqualTo(sha256(body));
		assertThat(line.toString()).doesNotContain(PersonalData.NAME, PersonalData.ADDRESS_LINE, PersonalData.NOTE);
	}

	@Test
	void bodyNeverReadIsNotDigested() {
		ApiResponse response = this.api.post("/orders").json(orderJson()).send();

		Line line = assertAudited(response, 401, "unauthenticated");
		assertThat(line.fields()).doesNotContainKeys("http.request.body.bytes", "bulwark.body.sha256");
	}

	@Test
	void allowListedHeadersAreAuditedAndCredentialsNever() {
		String key = UUID.randomUUID().toString();

		ApiResponse response = this.api.post("/orders")
			.token(this.tokens.user(ALICE))
			.header("Idempotency-Key", key)
			.header("Accept", "application/json")
			.header("Cookie", "session=secret-cookie-value")
			.header("X-Custom", "not-on-the-list")
			.json(orderJson())
			.send();

		Line line = assertAudited(response, 201, "allowed");
		assertThat(line.field("http.request.header.idempotency-key")).isEqualTo(key);
		assertThat(line.field("http.request.header.accept")).isEqualTo("application/json");
		assertThat(line.field("http.request.header.content-type")).startsWith("application/json");
		assertThat(line.fields()).doesNotContainKeys("http.request.header.cookie", "http.request.header.authorization",
				"http.request.header.x-custom");
		assertThat(line.toString()).doesNotContain("secret-cookie-value", "not-on-the-list");
	}

	@Test
	void validTraceparentJoinsItsTrace() {
		String traceId = UUID.randomUUID().toString().replace("-", "");

		ApiResponse traced = this.api.get("/actuator/health")
			.header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
			.send();
		ApiResponse forged = this.api.get("/actuator/health")
			.header("traceparent", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01")
			.send();

		assertThat(this.log.line(traced.header("X-Request-Id")).mdc()).containsEntry("trace.id", traceId);
		assertThat(this.log.line(forged.header("X-Request-Id")).mdc()).doesNotContainKey("trace.id");
	}

	@Test
	void inLambdaEveryLineCarriesTheLambdaAndGatewayRequestIds() {
		ApiResponse response = this.api.get("/actuator/health").send();

		Line line = this.log.line(response.header("X-Request-Id"));
		if (this.runtime == ApiRuntime.BOOT) {
			assertThat(line.mdc()).doesNotContainKeys("faas.execution", "faas.trigger.request_id");
		}
		else {
			assertThat(line.mdc().get("faas.execution")).matches(UUID_PATTERN);
			assertThat(line.mdc().get("faas.trigger.request_id")).matches("[A-Za-z0-9=_-]+")
				.isNotEqualTo(line.mdc().get("faas.execution"));
		}
	}

	/**
	 * The response had the status, and its audit line says so, with the outcome.
	 */
	private Line assertAudited(ApiResponse response, int status, String outcome) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		Line line = this.log.line(response.header("X-Request-Id"));
		assertThat(line.fields()).containsEntry("http.response.status_code", String.valueOf(status))
			.containsEntry("bulwark.outcome", outcome);
		return line;
	}

	private void assertNoTokenIn(String requestId, String token) {
		for (ILoggingEvent event : this.log.eventsOf(requestId)) {
			String everything = event.getFormattedMessage() + event.getKeyValuePairs() + event.getMDCPropertyMap();
			for (String part : token.split("\\.")) {
				assertThat(everything).doesNotContain(part);
			}
		}
	}

	private static String sha256(String value) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		return HexFormat.of().formatHex(digest);
	}

}
