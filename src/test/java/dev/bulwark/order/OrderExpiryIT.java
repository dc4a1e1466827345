package dev.bulwark.order;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.AuditLog;
import dev.bulwark.support.LocalLambda;
import dev.bulwark.support.TestJson;
import dev.bulwark.support.TestLambdaContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The scheduled expiry function, invoked the way Lambda invokes it (Spring Cloud Function's
 * {@code FunctionInvoker} with an EventBridge scheduled event), against DynamoDB Local.
 */
class OrderExpiryIT extends ApiIntegrationTest {

	private static final JsonMapper JSON = TestJson.MAPPER;

	@Autowired
	OrderRepository orders;

	@Test
	void cancelsOnlyPendingOrdersOlderThanTheMaximumAge() throws Exception {
		Instant now = Instant.now();
		Order stale = store(OrderStatus.PENDING, now.minus(Duration.ofDays(3)));
		Order fresh = store(OrderStatus.PENDING, now.minus(Duration.ofHours(1)));
		Order staleButConfirmed = store(OrderStatus.CONFIRMED, now.minus(Duration.ofDays(3)));

		TestLambdaContext invocation = new TestLambdaContext();
		JsonNode report = invoke(scheduledEvent(now), invocation);

		assertThat(report.get("expired").asInt()).isGreaterThanOrEqualTo(1);
		assertThat(report.get("cutoff").asString()).isEqualTo(now.minus(Duration.ofHours(24)).toString());
		assertThat(statusOf(stale)).isEqualTo(OrderStatus.CANCELLED);
		assertThat(statusOf(fresh)).isEqualTo(OrderStatus.PENDING);
		assertThat(statusOf(staleButConfirmed)).isEqualTo(OrderStatus.CONFIRMED);
		assertThat(AuditLog.shared().auditLinesWith("order.id", stale.id())).singleElement().satisfies(line -> {
			assertThat(line.fields()).containsEntry("event.action", "order-expired")
				.containsEntry("user.id", "system:order-expiry")
				.containsEntry("order.status.from", "PENDING")
				.containsEntry("order.status.to", "CANCELLED");
			assertThat(line.mdc()).containsEntry("faas.execution", invocation.getAwsRequestId());
		});
		assertThat(AuditLog.shared().auditLinesWith("order.id", fresh.id())).isEmpty();
	}

	@Test
	void refusesAnEventThatDidNotComeFromTheScheduler() {
		Order stale = store(OrderStatus.PENDING, Instant.now().minus(Duration.ofDays(3)));
		String forged = scheduledEvent(Instant.now()).replace("\"aws.events\"", "\"my.app\"");

		assertThatException().isThrownBy(() -> invoke(forged)).satisfies(ex -> assertViolationOf(ex, "source"));
		assertThat(statusOf(stale)).isEqualTo(OrderStatus.PENDING);
	}

	@Test
	void refusesAnEventFromTheFuture() {
		Order stale = store(OrderStatus.PENDING, Instant.now().minus(Duration.ofDays(3)));

		assertThatException().isThrownBy(() -> invoke(scheduledEvent(Instant.now().plus(Duration.ofDays(30)))))
			.satisfies(ex -> assertViolationOf(ex, "time"));
		assertThat(statusOf(stale)).isEqualTo(OrderStatus.PENDING);
	}

	@Test
	void refusesAnEventWithADuplicateProperty() {
		Order stale = store(OrderStatus.PENDING, Instant.now().minus(Duration.ofDays(3)));
		String smuggled = scheduledEvent(Instant.now()).replace("\"source\":\"aws.events\"",
				"\"source\":\"my.app\",\"source\":\"aws.events\"");

		assertThatException().isThrownBy(() -> invoke(smuggled))
			.satisfies(ex -> assertThat(ex).hasRootCauseInstanceOf(StreamReadException.class)
				.rootCause()
				.hasMessageStartingWith("Duplicate Object property \"source\""));
		assertThat(statusOf(stale)).isEqualTo(OrderStatus.PENDING);
	}

	@Test
	void refusesSomethingThatIsNotAnEvent() {
		assertThatException().isThrownBy(() -> invoke("{\"orders\":\"all\"}"))
			.satisfies(ex -> assertViolationOf(ex, "source"));
	}

	private static void assertViolationOf(Throwable ex, String field) {
		Throwable cause = ex;
		while (cause != null && !(cause instanceof ConstraintViolationException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("a validation failure behind %s", ex).isInstanceOf(ConstraintViolationException.class);
		assertThat(((ConstraintViolationException) cause).getConstraintViolations())
			.anySatisfy(violation -> assertThat(violation.getPropertyPath().toString()).endsWith("." + field));
	}

	private Order store(OrderStatus status, Instant createdAt) {
		Order order = new Order(UUID.randomUUID().toString(), "expiry-test", status,
				List.of(new OrderLine("BLW-CAP", "Bulwark cap", 1, new BigDecimal("18.90"), new BigDecimal("18.90"))),
				new BigDecimal("18.90"), "EUR", new ShippingAddress("E", "1 Main Street", null, "Porto", "4000-001", "PT"),
				null, createdAt, createdAt, 0);
		this.orders.insert(order);
		return order;
	}

	private OrderStatus statusOf(Order order) {
		return this.orders.findById(order.id()).orElseThrow().status();
	}

	private static String scheduledEvent(Instant time) {
		return """
				{"version":"0","id":"%s","detail-type":"Scheduled Event","source":"aws.events",
				 "account":"123456789012","time":"%s","region":"eu-central-1",
				 "resources":["arn:aws:events:eu-central-1:123456789012:rule/bulwark-expiry"],"detail":{}}
				""".formatted(UUID.randomUUID(), time);
	}

	private static JsonNode invoke(String event) throws Exception {
		return invoke(event, new TestLambdaContext());
	}

	private static JsonNode invoke(String event, TestLambdaContext invocation) throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		LocalLambda.expiryHandler()
			.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, invocation);
		return JSON.readTree(output.toByteArray());
	}

}
