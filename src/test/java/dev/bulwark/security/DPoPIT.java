package dev.bulwark.security;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.bulwark.support.ApiGatewayEvent;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.AuditLog;
import dev.bulwark.support.ContractTest;
import dev.bulwark.support.DPoPKey;
import dev.bulwark.support.DevRealm;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPoP-bound tokens (RFC 9449) from the real Keycloak, through the command-line client that may only have bound
 * ones: taken with a right proof of their key for the very request, in every runtime; refused with a 401 problem
 * and the {@code DPoP} challenge for each way the proof or the use of the token can be wrong. The first test is the
 * control: each refusal below is caused by the one thing its test changes.
 */
class DPoPIT extends ContractTest {

	private static final String ALGORITHMS = "algs=\"ES256 ES384 ES512 PS256 PS384 PS512 RS256 RS384 RS512\"";

	/** One key for the whole class, so that its bound token is fetched once. */
	private static final DPoPKey KEY = DPoPKey.generate();

	@Test
	void takesBoundTokenWithProofOfItsKey() {
		String token = token();

		ApiResponse response = me(token, KEY.proof("GET", publicUrl("/me"), token));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("clientId").asString()).isEqualTo(DevRealm.CLI_CLIENT);
		// Counted against the caller's rate limit, and audited, like a bearer token's request.
		assertThat(response.header("RateLimit")).isNotNull();
		assertThat(AuditLog.shared().line(response.header("X-Request-Id")).fields())
			.containsEntry("bulwark.outcome", "allowed")
			.containsEntry("bulwark.client_id", DevRealm.CLI_CLIENT)
			.containsEntry("user.id", response.json().get("subject").asString());
	}

	@Test
	void boundTokenAndProofPlaceAndReadAnOrder() {
		String token = token();

		ApiResponse placed = this.api.post("/orders")
			.dpop(token, KEY.proof("POST", publicUrl("/orders"), token))
			.json(orderJson())
			.send();
		assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
		String path = "/orders/" + placed.json().get("id").asString();
		ApiResponse read = this.api.get(path).dpop(token, KEY.proof("GET", publicUrl(path), token)).send();

		assertThat(read.status()).as(read.toString()).isEqualTo(200);
	}

	@Test
	void proofMayNameTheUrlWithQueryAndInAnyCase() {
		String token = token();
		String url = Pattern.compile("^https?://[^/]+").matcher(publicUrl("/me")).replaceFirst(
				origin -> origin.group().toUpperCase(Locale.ROOT));

		ApiResponse response = me(token, KEY.proof("GET", url + "?page=1#top", token));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	@Test
	void refusesBoundTokenWithoutProof() {
		ApiResponse response = this.api.get("/me").header("Authorization", "DPoP " + token()).send();

		assertRefusedProof(response, AuthenticationFailure.PROOF_MISSING);
	}

	@Test
	void refusesProofForAnotherMethod() {
		String token = token();

		assertRefusedProof(me(token, KEY.proof("POST", publicUrl("/me"), token)),
				AuthenticationFailure.PROOF_WRONG_METHOD);
	}

	@Test
	void refusesProofForAnotherUrl() {
		String token = token();

		assertRefusedProof(me(token, KEY.proof("GET", publicUrl("/orders"), token)),
				AuthenticationFailure.PROOF_WRONG_URL);
	}

	/**
	 * Behind API Gateway, the URL the servlet request was made for is not the one the client called; and the
	 * REST API's stage is part of the public URL.
	 */
	@Test
	void refusesProofForUrlTheClientDidNotCall() {
		String token = token();
		List<String> wrongUrls = switch (this.runtime) {
			case BOOT -> List.of(publicUrl("/me").replace("localhost", "127.0.0.1"),
					publicUrl("/me").replace("http:", "https:"));
			case LAMBDA -> List.of("https://spring-serverless-web-proxy:0/me", "http://localhost/me");
			case LAMBDA_REST_API -> List.of("https://spring-serverless-web-proxy:0/me",
					publicUrl("/me").replace("/" + ApiGatewayEvent.REST_API_STAGE, ""));
		};

		for (String url : wrongUrls) {
			assertRefusedProof(me(token, KEY.proof("GET", url, token)), AuthenticationFailure.PROOF_WRONG_URL);
		}
	}

	@Test
	void refusesStaleProof() {
		String token = token();

		assertRefusedProof(me(token, KEY.proof()
			.method("GET")
			.url(publicUrl("/me"))
			.accessToken(token)
			.issuedAt(Instant.now().minusSeconds(120))
			.sign()), AuthenticationFailure.PROOF_STALE);
	}

	@Test
	void refusesProofFromTheFuture() {
		String token = token();

		assertRefusedProof(me(token, KEY.proof()
			.method("GET")
			.url(publicUrl("/me"))
			.accessToken(token)
			.issuedAt(Instant.now().plusSeconds(120))
			.sign()), AuthenticationFailure.PROOF_STALE);
	}

	@Test
	void refusesReplayedProof() {
		String token = token();
		String proof = KEY.proof("GET", publicUrl("/me"), token);
		assertThat(me(token, proof).status()).isEqualTo(200);

		assertRefusedProof(me(token, proof), AuthenticationFailure.PROOF_REPLAYED);
	}

	@Test
	void refusesProofSignedByAnotherKey() {
		String token = token();
		DPoPKey stranger = DPoPKey.generate();

		assertRefusedProof(me(token, stranger.proof("GET", publicUrl("/me"), token)),
				AuthenticationFailure.PROOF_WRONG_KEY);
	}

	@Test
	void refusesProofForAnotherToken() {
		String token = token();

		assertRefusedProof(me(token, KEY.proof("GET", publicUrl("/me"), token + "x")),
				AuthenticationFailure.PROOF_WRONG_TOKEN);
	}

	@Test
	void refusesProofWithoutHashOfTheToken() {
		String token = token();

		assertRefusedProof(me(token, KEY.proof("GET", publicUrl("/me"))), AuthenticationFailure.PROOF_INVALID);
	}

	@Test
	void refusesUnsignedProof() {
		String token = token();

		assertRefusedProof(me(token, KEY.proof().url(publicUrl("/me")).accessToken(token).unsigned().sign()),
				AuthenticationFailure.PROOF_INVALID);
	}

	@Test
	void refusesHmacProof() {
		String token = token();

		assertRefusedProof(me(token,
				KEY.proof().url(publicUrl("/me")).accessToken(token).hmac("a-secret-of-at-least-32-bytes!!!").sign()),
				AuthenticationFailure.PROOF_INVALID);
	}

	@Test
	void refusesProofWhoseSignatureIsNotByTheKeyItNames() {
		String token = token();

		assertRefusedProof(
				me(token, DPoPKey.generate().proof().url(publicUrl("/me")).accessToken(token).headerKey(KEY).sign()),
				AuthenticationFailure.PROOF_INVALID);
	}

	@Test
	void refusesJwtThatIsNotAProof() {
		String token = token();

		assertRefusedProof(me(token, KEY.proof().url(publicUrl("/me")).accessToken(token).type("JWT").sign()),
				AuthenticationFailure.PROOF_INVALID);
	}

	@Test
	void refusesBoundTokenSentAsBearerToken() {
		ApiResponse response = this.api.get("/me").token(token()).send();

		assertRefused(response, AuthenticationFailure.BOUND_TOKEN_AS_BEARER, "invalid_token");
		assertThat(response.json().get("detail").asString()).contains("DPoP scheme");
	}

	@Test
	void refusesBearerTokenSentWithDPoPScheme() {
		String bearer = this.tokens.user(ALICE);

		assertRefused(me(bearer, KEY.proof("GET", publicUrl("/me"), bearer)),
				AuthenticationFailure.UNBOUND_TOKEN_AS_DPOP, "invalid_token");
	}

	@Test
	void refusesForgedTokenWithDPoPSchemeAsInvalidToken() {
		String token = token();
		String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";

		assertRefused(me(forged, KEY.proof("GET", publicUrl("/me"), forged)), AuthenticationFailure.BAD_SIGNATURE,
				"invalid_token");
	}

	@Test
	void serviceAccountTokenBoundToItsKeyIsTaken() {
		String token = this.tokens.clientWithDPoP(DevRealm.REPORTING_CLIENT, KEY);

		ApiResponse response = this.api.get("/orders").dpop(token, KEY.proof("GET", publicUrl("/orders"), token)).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	@Test
	void proofSignedWithRsaIsTakenToo() {
		DPoPKey rsa = DPoPKey.generateRsa();
		String token = this.tokens.clientWithDPoP(DevRealm.REPORTING_CLIENT, rsa);

		ApiResponse response = this.api.get("/orders").dpop(token, rsa.proof("GET", publicUrl("/orders"), token)).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	@Test
	void missingRoleIsForbiddenWithTheDPoPChallenge() {
		String token = token();
		String path = "/orders/" + placeOrder(ALICE);

		ApiResponse response = this.api.delete(path).dpop(token, KEY.proof("DELETE", publicUrl(path), token)).send();

		assertProblem(response, 403);
		assertThat(response.header("WWW-Authenticate")).startsWith("DPoP error=\"insufficient_scope\"")
			.contains(ALGORITHMS);
	}

	@Test
	void stepUpChallengeToADPoPRequestUsesTheDPoPScheme() {
		String token = token();
		String largeOrder = orderJson().replace("{\"sku\":\"BLW-MUG\",\"quantity\":2},{\"sku\":\"BLW-STICKERS\",\"quantity\":1}",
				"{\"sku\":\"BLW-MUG\",\"quantity\":41}");

		ApiResponse response = this.api.post("/orders")
			.dpop(token, KEY.proof("POST", publicUrl("/orders"), token))
			.json(largeOrder)
			.send();

		assertProblem(response, 401);
		assertThat(response.header("WWW-Authenticate")).startsWith("DPoP error=\"insufficient_user_authentication\"")
			.contains("acr_values=\"mfa\"")
			.contains(ALGORITHMS);
	}

	@Test
	void requestWithoutCredentialsIsOfferedBothSchemes() {
		ApiResponse response = this.api.get("/me").send();

		assertProblem(response, 401);
		assertThat(response.headers().allValues("WWW-Authenticate")).singleElement()
			.asString()
			.matches("Bearer resource_metadata=\"[^\"]+\", DPoP " + Pattern.quote(ALGORITHMS));
	}

	@Test
	void protectedResourceMetadataAdvertisesProofAlgorithms() {
		ApiResponse response = this.api.get("/.well-known/oauth-protected-resource").send();

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("dpop_signing_alg_values_supported").toString()).contains("\"ES256\"");
		assertThat(response.json().get("dpop_bound_access_tokens_required").asBoolean()).isFalse();
	}

	private String token() {
		return this.tokens.userWithDPoP(ALICE, KEY);
	}

	private ApiResponse me(String token, String proof) {
		return this.api.get("/me").dpop(token, proof).send();
	}

	private static void assertRefusedProof(ApiResponse response, AuthenticationFailure reason) {
		assertRefused(response, reason, "invalid_dpop_proof");
	}

	private static void assertRefused(ApiResponse response, AuthenticationFailure reason, String error) {
		assertProblem(response, 401);
		assertThat(response.header("WWW-Authenticate")).startsWith("DPoP error=\"" + error + "\"").contains(ALGORITHMS);
		assertThat(AuditLog.shared().line(response.header("X-Request-Id")).fields()).containsEntry("bulwark.reason",
				reason.code());
	}

}
