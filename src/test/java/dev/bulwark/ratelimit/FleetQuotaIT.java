package dev.bulwark.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.HttpTransport;
import dev.bulwark.support.LambdaTransport;
import dev.bulwark.support.LocalLambda;
import dev.bulwark.support.RealmSigner;

import static dev.bulwark.support.TestRateLimits.SMALL;
import static dev.bulwark.support.TestRateLimits.WINDOW_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Boot app and the Lambda handler of this test run are two instances with limiters of their own but one
 * DynamoDB: with the fleet quota on, a client's limit holds across both, where per-instance limiters alone would
 * let through twice as much.
 */
class FleetQuotaIT extends ApiIntegrationTest {

	@Test
	void limitHoldsAcrossInstances() {
		RealmSigner signer = RealmSigner.shared();
		String token = signer.sign(signer.customerClaims(UUID.randomUUID().toString()).claim("bulwark_tier", "small").build());
		Api boot = new Api(new HttpTransport(bootBaseUrl()));
		Api lambda = new Api(LambdaTransport.httpApi(LocalLambda.handler()));
		// Both instances warmed up first (handler start, key fetch), so that nothing slow falls into the window.
		String warmUp = signer.sign(signer.customerClaims(UUID.randomUUID().toString()).build());
		assertThat(boot.get("/me").token(warmUp).send().status()).isEqualTo(200);
		assertThat(lambda.get("/me").token(warmUp).send().status()).isEqualTo(200);
		// Start at the beginning of a fleet window (they are aligned to the clock), so all requests share one.
		Awaitility.await()
			.atMost(Duration.ofSeconds(WINDOW_SECONDS + 1))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> System.currentTimeMillis() % (WINDOW_SECONDS * 1000L) < 300);

		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < SMALL; i++) {
			statuses.add(boot.get("/me").token(token).send().status());
			statuses.add(lambda.get("/me").token(token).send().status());
		}
		ApiResponse last = lambda.get("/me").token(token).send();

		assertThat(statuses.stream().filter(status -> status == 200)).hasSize(SMALL);
		assertThat(statuses.stream().filter(status -> status == 429)).hasSize(SMALL);
		assertThat(last.status()).isEqualTo(429);
		assertThat(last.header("RateLimit")).startsWith("\"small\";r=0;");
	}

}
