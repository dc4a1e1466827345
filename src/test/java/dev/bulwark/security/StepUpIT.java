package dev.bulwark.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.JWTClaimsSet;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.AuditLog;
import dev.bulwark.support.ContractTest;
import dev.bulwark.support.DevRealm;
import dev.bulwark.support.RealmSigner;
import dev.bulwark.support.TestJson;
import dev.bulwark.support.Tokens;
import dev.bulwark.support.Tokens.SignIn;
import dev.bulwark.support.Tokens.SignedIn;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Step-up authentication (RFC 9470) in both runtimes, with real Keycloak tokens: deleting an order and the
 * actuator need a sign-in with the second factor ({@code acr=mfa}) in the last five minutes; a token that falls
 * short gets a 401 that tells the client exactly what to ask Keycloak for.
 */
class StepUpIT extends ContractTest {

	private static final String CHALLENGE = "Bearer error=\"insufficient_user_authentication\", error_description=\"";

	private static final Pattern ACR_VALUES = Pattern.compile("acr_values=\"([^\"]+)\"");

	/**
	 * The dev realm's staff always sign in with the code; an admin token that says {@code password} (an identity
	 * provider configured otherwise) is signed with the realm's key.
	 */
	@Test
	void adminSignedInWithPasswordIsToldToStepUpBeforeDeleting() {
		String order = placeOrder(ALICE);

		ApiResponse response = this.api.delete("/orders/" + order).token(passwordAdmin()).send();

		assertChallenge(response, "mfa", null);
		assertThat(this.api.get("/orders/" + order).token(this.tokens.user(DAVE)).send().status())
			.as("nothing was deleted")
			.isEqualTo(200);
	}

	@Test
	void staffSignInTakesTheCodeSoAdminDeletesWithoutAskingForMore() {
		String order = placeOrder(ALICE);

		ApiResponse response = this.api.delete("/orders/" + order).token(this.tokens.user(DAVE)).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(204);
	}

	@Test
	void adminSignedInWithTheSecondFactorDeletes() {
		String order = placeOrder(ALICE);

		ApiResponse response = this.api.delete("/orders/" + order).token(this.tokens.userWithMfa(DAVE)).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(204);
	}

	@Test
	void secondFactorLongAgoIsToldToSignInAgainWithinFiveMinutes() {
		String order = placeOrder(ALICE);
		String stale = RealmSigner.shared().sign(admin(Instant.now().minus(Duration.ofMinutes(10)), "mfa"));

		ApiResponse response = this.api.delete("/orders/" + order).token(stale).send();

		assertChallenge(response, "mfa", 300);
	}

	@Test
	void passwordSignInLongAgoIsToldBothAtOnce() {
		String stale = RealmSigner.shared().sign(admin(Instant.now().minus(Duration.ofHours(2)), "password"));

		ApiResponse response = this.api.get("/actuator/metrics").token(stale).send();

		assertChallenge(response, "mfa", 300);
	}

	@Test
	void actuatorButHealthAndTheScrapeEndpointNeedsTheSecondFactor() {
		assertChallenge(this.api.get("/actuator/metrics").token(passwordAdmin()).send(), "mfa", null);
		assertChallenge(this.api.get("/actuator/info").token(passwordAdmin()).send(), "mfa", null);
		assertThat(this.api.get("/actuator/metrics").token(this.tokens.userWithMfa(DAVE)).send().status())
			.isEqualTo(200);
		assertThat(this.api.get("/actuator/health").token(this.tokens.user(DAVE)).send().status()).isEqualTo(200);
		assertThat(this.api.get("/actuator/prometheus").token(this.tokens.client(DevRealm.METRICS_CLIENT)).send()
			.status()).isEqualTo(200);
	}

	@Test
	void callerWithoutTheRoleIsRefusedNotToldToStepUp() {
		String order = placeOrder(ALICE);

		ApiResponse response = this.api.delete("/orders/" + order).token(this.tokens.userWithMfa(ALICE)).send();

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"insufficient_scope\"");
	}

	/**
	 * A client-credentials token carries no {@code acr} and no {@code auth_time}: even with the admin role (signed
	 * with the realm's key, as Keycloak would issue it to a service account given that role), it never passes.
	 */
	@Test
	void serviceAccountCanNeverStepUp() {
		String order = placeOrder(ALICE);
		String serviceAccount = RealmSigner.shared()
			.sign(RealmSigner.shared()
				.customerClaims(UUID.randomUUID().toString())
				.claim("azp", DevRealm.REPORTING_CLIENT)
				.claim("resource_access", Map.of("bulwark-api", Map.of("roles", List.of("admin"))))
				.build());

		ApiResponse response = this.api.delete("/orders/" + order).token(serviceAccount).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith(CHALLENGE);
	}

	/**
	 * The whole round as a client makes it: alice signs in with her password, her large order is refused with the
	 * challenge, her client asks Keycloak again with the challenge's {@code acr_values} in the same browser
	 * session, Keycloak asks for the one-time code only, and the new token places the order.
	 */
	@Test
	void customerStepsUpInHerSessionWhenTheApiAsksAndThenPlacesTheLargeOrder() {
		Tokens.Browser browser = this.tokens.browser(ALICE);
		SignedIn password = browser.signIn(SignIn.withPassword());

		ApiResponse refused = this.api.post("/orders").token(accessToken(password)).json(largeOrder()).send();
		Matcher asked = ACR_VALUES.matcher(refused.header("WWW-Authenticate"));
		assertThat(asked.find()).as(refused.toString()).isTrue();
		SignedIn steppedUp = browser.signIn(new SignIn(asked.group(1), null, true));
		ApiResponse placed = this.api.post("/orders").token(accessToken(steppedUp)).json(largeOrder()).send();

		assertThat(password.forms()).containsExactly("username", "password");
		assertThat(refused.status()).isEqualTo(401);
		assertThat(steppedUp.forms()).as("the session had the password: only the code is asked for")
			.containsExactly("otp");
		assertThat(claims(steppedUp).get("acr").asString()).isEqualTo("mfa");
		assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
	}

	@Test
	void largeOrderOfAPasswordSignInIsToldToStepUpAndNothingIsStored() {
		String key = UUID.randomUUID().toString();

		ApiResponse refused = this.api.post("/orders")
			.token(this.tokens.user(BOB))
			.header("Idempotency-Key", key)
			.json(largeOrder())
			.send();
		ApiResponse placed = this.api.post("/orders")
			.token(this.tokens.userWithMfa(BOB))
			.header("Idempotency-Key", key)
			.json(largeOrder())
			.send();

		assertChallenge(refused, "mfa", null);
		assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
		assertThat(placed.header("Idempotent-Replayed")).as("the refused attempt stored nothing").isNull();
		assertThat(placed.json().get("total").decimalValue()).isEqualByComparingTo("512.50");
	}

	@Test
	void ordinaryOrderNeedsNoMoreThanAPassword() {
		assertThat(this.api.post("/orders").token(this.tokens.user(BOB)).json(orderJson()).send().status())
			.isEqualTo(201);
	}

	@Test
	void operationsWithoutARuleNeedNoMoreThanBefore() {
		assertThat(this.api.get("/orders").token(this.tokens.user(DAVE)).send().status()).isEqualTo(200);
		assertThat(this.api.get("/me").token(this.tokens.user(CAROL)).send().status()).isEqualTo(200);
	}

	@Test
	void challengeIsAuditedAsStepUpRequired() {
		ApiResponse response = this.api.get("/actuator/metrics").token(passwordAdmin()).send();

		assertThat(AuditLog.shared().line(response.header("X-Request-Id")).fields())
			.containsEntry("bulwark.outcome", "step-up-required")
			.containsEntry("bulwark.problem.type", "https://www.rfc-editor.org/rfc/rfc9470.html#section-3");
	}

	/**
	 * RFC 9470, section 3: the 401, the challenge with {@code acr_values} (and {@code max_age} when the sign-in
	 * is too old), and a problem of its own type saying the same.
	 */
	private static void assertChallenge(ApiResponse response, String acrValues, @Nullable Integer maxAge) {
		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		String expectedEnd = "acr_values=\"" + acrValues + "\"" + ((maxAge != null) ? ", max_age=" + maxAge : "");
		assertThat(response.header("WWW-Authenticate")).startsWith(CHALLENGE).endsWith(expectedEnd);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(response.json().get("type").asString())
			.isEqualTo("https://www.rfc-editor.org/rfc/rfc9470.html#section-3");
		assertThat(response.json().get("status").asInt()).isEqualTo(401);
		assertThat(response.json().get("acr_values").asString()).isEqualTo(acrValues);
		assertThat(response.json().has("max_age")).isEqualTo(maxAge != null);
	}

	private static String passwordAdmin() {
		return RealmSigner.shared().sign(admin(Instant.now(), "password"));
	}

	private static String accessToken(SignedIn signedIn) {
		return signedIn.tokens().get("access_token").asString();
	}

	private static JsonNode claims(SignedIn signedIn) {
		return TestJson.MAPPER.readTree(Base64.getUrlDecoder().decode(accessToken(signedIn).split("\\.")[1]));
	}

	/** 41 mugs at 12.50: 512.50, over the 500.00 the policy sets. */
	private static String largeOrder() {
		return orderJson().replace("{\"sku\":\"BLW-MUG\",\"quantity\":2},{\"sku\":\"BLW-STICKERS\",\"quantity\":1}",
				"{\"sku\":\"BLW-MUG\",\"quantity\":41}");
	}

	private static JWTClaimsSet admin(Instant authTime, String acr) {
		return RealmSigner.shared()
			.customerClaims(UUID.randomUUID().toString())
			.claim("resource_access", Map.of("bulwark-api", Map.of("roles", List.of("admin"))))
			.claim("acr", acr)
			.claim("auth_time", authTime.getEpochSecond())
			.build();
	}

}
