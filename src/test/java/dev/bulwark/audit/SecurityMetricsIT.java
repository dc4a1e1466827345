package dev.bulwark.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.ContractTest;
import dev.bulwark.support.DevRealm;
import dev.bulwark.support.RealmSigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What alerts watch, in both runtimes: every request is counted and timed in {@code bulwark.requests} by outcome
 * and, for 401s, by reason; the Boot app's Prometheus scrape endpoint serves it to the metrics service account.
 */
class SecurityMetricsIT extends ContractTest {

	@Test
	void everyRequestIsCountedByOutcomeAndReason() {
		RealmSigner signer = RealmSigner.shared();
		Instant past = Instant.now().minus(Duration.ofMinutes(10));
		String expired = signer.sign(signer.customerClaims(UUID.randomUUID().toString())
			.issueTime(Date.from(past.minus(Duration.ofMinutes(5))))
			.expirationTime(Date.from(past))
			.build());
		String order = placeOrder(ALICE);
		double missing = count("unauthenticated", "missing");
		double expiredBefore = count("unauthenticated", "expired");
		double forbidden = count("forbidden", "none");
		double probing = count("not-found-for-caller", "none");
		double errors = count("error", "none");

		this.api.get("/orders").send();
		this.api.get("/orders").token(expired).send();
		this.api.delete("/orders/" + order).token(this.tokens.user(ALICE)).send();
		this.api.get("/orders/" + order).token(this.tokens.user(BOB)).send();
		this.api.get("/_test/handler-failure").token(this.tokens.user(ALICE)).send();

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(count("unauthenticated", "missing")).isEqualTo(missing + 1);
			assertThat(count("unauthenticated", "expired")).isEqualTo(expiredBefore + 1);
			assertThat(count("forbidden", "none")).isEqualTo(forbidden + 1);
			assertThat(count("not-found-for-caller", "none")).isEqualTo(probing + 1);
			assertThat(count("error", "none")).isEqualTo(errors + 1);
		});
	}

	@Test
	void requestsAreTimed() {
		this.api.get("/me").token(this.tokens.user(ALICE)).send();

		JsonNode timer = metric("bulwark.requests?tag=outcome:allowed&tag=reason:none");
		assertThat(statistic(timer, "COUNT")).isPositive();
		assertThat(statistic(timer, "TOTAL_TIME")).isPositive();
	}

	@Test
	void metricsServiceAccountScrapesThePrometheusEndpoint() {
		this.api.get("/orders").send();

		ApiResponse scrape = this.api.get("/actuator/prometheus")
			.token(this.tokens.client(DevRealm.METRICS_CLIENT))
			.send();

		assertThat(scrape.status()).as(scrape.toString()).isEqualTo(200);
		assertThat(scrape.header("Content-Type")).startsWith("text/plain");
		assertThat(scrape.body())
			.contains("bulwark_requests_seconds_count{outcome=\"unauthenticated\",reason=\"missing\"}")
			.contains("bulwark_jwt_verifications_total");
	}

	private double count(String outcome, String reason) {
		ApiResponse response = this.api.get("/actuator/metrics/bulwark.requests?tag=outcome:" + outcome + "&tag=reason:"
				+ reason)
			.token(this.tokens.userWithMfa(DAVE))
			.send();
		return (response.status() == 404) ? 0 : statistic(response.json(), "COUNT");
	}

	private JsonNode metric(String nameAndTags) {
		ApiResponse response = this.api.get("/actuator/metrics/" + nameAndTags)
			.token(this.tokens.userWithMfa(DAVE))
			.send();
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	private static double statistic(JsonNode metric, String statistic) {
		for (JsonNode measurement : metric.get("measurements")) {
			if (measurement.get("statistic").asString().equals(statistic)) {
				return measurement.get("value").asDouble();
			}
		}
		throw new AssertionError("No " + statistic + " in " + metric);
	}

}
