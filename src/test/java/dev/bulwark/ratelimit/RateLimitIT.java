package dev.bulwark.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.AuditLog;
import dev.bulwark.support.Concurrently;
import dev.bulwark.support.ContractTest;
import dev.bulwark.support.RealmSigner;

import static dev.bulwark.support.TestRateLimits.LARGE;
import static dev.bulwark.support.TestRateLimits.LARGE_ORDERS;
import static dev.bulwark.support.TestRateLimits.SMALL;
import static dev.bulwark.support.TestRateLimits.UNAUTHENTICATED;
import static dev.bulwark.support.TestRateLimits.WINDOW_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits in both runtimes. Tokens are signed by a key the realm trusts with a {@code bulwark_tier} claim
 * naming a small test tier (see {@code TestRateLimits}), each test with clients of its own.
 */
class RateLimitIT extends ContractTest {

	private final RealmSigner signer = RealmSigner.shared();

	@Test
	void requestOverTheLimitIsRefusedWithRetryAfter() {
		String token = client("small");

		List<ApiResponse> allowed = List.of(me(token), me(token), me(token));
		ApiResponse refused = me(token);

		assertThat(allowed).extracting(ApiResponse::status).containsOnly(200);
		assertThat(allowed).extracting(response -> response.header("RateLimit"))
			.allSatisfy(header -> assertThat(header).startsWith("\"small\";r="));
		assertThat(allowed.get(0).header("RateLimit")).startsWith("\"small\";r=2;t=");
		assertThat(allowed.get(0).header("RateLimit-Policy")).isEqualTo("\"small\";q=" + SMALL + ";w=" + WINDOW_SECONDS);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(refused.json().get("status").asInt()).isEqualTo(429);
		assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, WINDOW_SECONDS);
		assertThat(refused.header("RateLimit")).startsWith("\"small\";r=0;t=");
		assertThat(AuditLog.shared().line(refused.header("X-Request-Id")).fields())
			.containsEntry("bulwark.outcome", "rate-limited")
			.containsEntry("bulwark.tier", "small");
	}

	@Test
	void refusalsAreCountedPerTierForAdminsToSee() {
		String token = client("small");
		double before = rejections("small");
		for (int i = 0; i <= SMALL; i++) {
			me(token);
		}

		assertThat(rejections("small") - before).isEqualTo(1.0);
		assertThat(this.api.get("/actuator/metrics/bulwark.ratelimit.rejections").token(this.tokens.user(CAROL)).send()
			.status()).isEqualTo(403);
	}

	@Test
	void anotherClientIsUnaffected() {
		String greedy = client("small");
		for (int i = 0; i <= SMALL; i++) {
			me(greedy);
		}

		assertThat(me(greedy).status()).isEqualTo(429);
		assertThat(me(client("small")).status()).isEqualTo(200);
	}

	@Test
	void allowanceComesBackWithTheNextWindow() {
		String token = client("small");
		for (int i = 0; i < SMALL; i++) {
			assertThat(me(token).status()).isEqualTo(200);
		}
		assertThat(me(token).status()).isEqualTo(429);

		Awaitility.await()
			.atMost(Duration.ofSeconds(WINDOW_SECONDS + 2))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> me(token).status() == 200);
	}

	@Test
	void tiersHaveTheirOwnLimits() {
		String small = client("small");
		String large = client("large");

		long smallAllowed = burst(small, 10);
		long largeAllowed = burst(large, 10);

		assertThat(smallAllowed).isEqualTo(SMALL);
		assertThat(largeAllowed).isEqualTo(LARGE);
	}

	@Test
	void placingOrdersIsLimitedMoreTightlyThanReading() {
		String token = client("large");

		for (int i = 0; i < LARGE_ORDERS; i++) {
			assertThat(this.api.post("/orders").token(token).json(orderJson()).send().status()).isEqualTo(201);
		}
		ApiResponse refused = this.api.post("/orders").token(token).json(orderJson()).send();

		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.header("RateLimit-Policy")).startsWith("\"large:POST /orders\";q=" + LARGE_ORDERS);
		assertThat(me(token).status()).isEqualTo(200);
	}

	@Test
	void reportingClientGetsTheReportingTier() {
		assertThat(this.api.get("/orders").token(reportingToken()).send().header("RateLimit-Policy"))
			.startsWith("\"reporting\";");
	}

	@Test
	void forgedTokensFromALockedOutAddressAreRefusedUnverified() {
		lockOutThisAddress();
		double verifiedBefore = verifications();

		List<ApiResponse> flood = List.of(me(badSignature(stranger())), me(badSignature(stranger())),
				me(RealmSigner.signWithUnknownKey(this.signer.customerClaims(UUID.randomUUID().toString()).build())),
				me("not-even-a-token"), this.api.get("/me").header("Authorization", "DPoP " + badSignature(stranger())).send());
		double verifiedAfter = verifications();

		assertThat(flood).extracting(ApiResponse::status).containsOnly(429);
		assertThat(flood.get(0).header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(flood.get(0).header("Retry-After")).isNotNull();
		// The only verification in between is the one of the second metrics request itself.
		assertThat(verifiedAfter - verifiedBefore).isEqualTo(1.0);
		assertThat(flood).allSatisfy(refused -> assertThat(
				AuditLog.shared().line(refused.header("X-Request-Id")).fields())
			.containsEntry("bulwark.outcome", "locked-out")
			.doesNotContainKeys("user.id", "bulwark.reason"));
	}

	@Test
	void aTokenThatVerifiedBeforeIsNeverLockedOutByOthersFailures() {
		String alice = this.tokens.user(ALICE);
		assertThat(this.api.get("/orders").token(alice).from(Api.newClientAddress()).send().status()).isEqualTo(200);
		lockOutThisAddress();

		assertThat(this.api.get("/orders").token(alice).send().status()).isEqualTo(200);
		assertThat(this.api.get("/orders").token(alice).send().status()).isEqualTo(200);
	}

	@Test
	void aKnownCallersNewTokenIsVerifiedAtALockedOutAddress() {
		String subject = UUID.randomUUID().toString();
		assertThat(this.api.get("/me").token(this.signer.sign(this.signer.customerClaims(subject).build()))
			.from(Api.newClientAddress())
			.send()
			.status()).isEqualTo(200);
		lockOutThisAddress();

		String newToken = this.signer.sign(this.signer.customerClaims(subject).build());

		assertThat(me(newToken).status()).isEqualTo(200);
	}

	@Test
	void forgedTokensClaimingAKnownCallerAreVerifiedOnlyWithinThatCallersOwnAllowance() {
		String subject = UUID.randomUUID().toString();
		String genuine = this.signer.sign(this.signer.customerClaims(subject).build());
		assertThat(me(genuine).status()).isEqualTo(200);
		lockOutThisAddress();

		List<Integer> forgeries = new ArrayList<>();
		for (int i = 0; i < UNAUTHENTICATED + 3; i++) {
			forgeries.add(me(badSignature(this.signer.sign(this.signer.customerClaims(subject).build()))).status());
		}

		assertThat(forgeries.subList(0, UNAUTHENTICATED)).containsOnly(401);
		assertThat(forgeries.subList(UNAUTHENTICATED, forgeries.size())).containsOnly(429);
		assertThat(me(genuine).status()).isEqualTo(200);
	}

	/**
	 * The price of bounding verifications per address: a caller this instance has never seen waits for the
	 * address's window to pass.
	 */
	@Test
	void anUnknownCallersFirstTokenAtALockedOutAddressWaitsForTheWindow() {
		lockOutThisAddress();

		ApiResponse refused = me(stranger());

		assertThat(refused.status()).isEqualTo(429);
		assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
	}

	@Test
	void requestsWithoutATokenAreNeverLockedOut() {
		lockOutThisAddress();

		assertThat(this.api.get("/actuator/health").send().status()).isEqualTo(200);
		assertThat(this.api.get("/.well-known/oauth-protected-resource").send().status()).isEqualTo(200);
		assertThat(this.api.get("/orders").send().status()).isEqualTo(401);
	}

	/**
	 * Fails authentication from this test's address until the address has no allowance left.
	 */
	private void lockOutThisAddress() {
		for (int i = 0; i < UNAUTHENTICATED; i++) {
			assertThat(me(badSignature(stranger())).status()).isEqualTo(401);
		}
	}

	/**
	 * A token for a caller nobody has seen: valid, but never used before.
	 */
	private String stranger() {
		return this.signer.sign(this.signer.customerClaims(UUID.randomUUID().toString()).build());
	}

	/**
	 * The token with another token's signature: a known key id and plausible claims, so it costs a full
	 * signature check to refuse.
	 */
	private String badSignature(String token) {
		String other = stranger();
		return token.substring(0, token.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));
	}

	@Test
	void fiftyConcurrentRequestsNeverGetMoreThanTheLimitThrough() throws Exception {
		String token = client("large");

		List<ApiResponse> responses = Concurrently.run(50, () -> me(token));

		assertThat(responses).filteredOn(response -> response.status() == 200).hasSize(LARGE);
		assertThat(responses).filteredOn(response -> response.status() == 429).hasSize(50 - LARGE);
	}

	private String client(String tier) {
		return this.signer.sign(this.signer.customerClaims(UUID.randomUUID().toString()).claim("bulwark_tier", tier).build());
	}

	private ApiResponse me(String token) {
		return this.api.get("/me").token(token).send();
	}

	private long burst(String token, int requests) {
		long allowed = 0;
		for (int i = 0; i < requests; i++) {
			allowed += (me(token).status() == 200) ? 1 : 0;
		}
		return allowed;
	}

	private double rejections(String tier) {
		ApiResponse metric = this.api.get("/actuator/metrics/bulwark.ratelimit.rejections?tag=tier:" + tier)
			.token(this.tokens.userWithMfa(DAVE))
			.send();
		// Before the first refusal of a tier, its counter does not exist yet.
		return (metric.status() == 404) ? 0 : metric.json().get("measurements").get(0).get("value").asDouble();
	}

	/**
	 * Tokens verified so far, valid or not, read through the API itself by an admin from another address.
	 */
	private double verifications() {
		ApiResponse metric = this.api.get("/actuator/metrics/bulwark.jwt.verifications")
			.token(this.tokens.userWithMfa(DAVE))
			.from("198.51.100.200")
			.send();
		assertThat(metric.status()).as(metric.toString()).isEqualTo(200);
		return metric.json().get("measurements").get(0).get("value").asDouble();
	}

}
