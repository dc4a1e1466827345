package dev.bulwark.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.AuditLog;
import dev.bulwark.support.ContractTest;
import dev.bulwark.support.KeycloakServer;
import dev.bulwark.support.NewRealmClient;
import dev.bulwark.support.RealmSigner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every token an attacker might try gets the same 401 problem, with the RFC 6750 header and nothing in the body
 * that echoes the token. The first test is the control: a token signed by the same realm key with valid claims
 * is accepted, so each rejection below is caused by the one claim or property the test changes.
 */
class TokenAttacksIT extends ContractTest {

	private static final String SUBJECT = "9f1c1e1e-0000-4000-8000-000000000001";

	private final RealmSigner signer = RealmSigner.shared();

	@Test
	void acceptsTokenSignedByRealmKeyWithValidClaims() {
		ApiResponse response = me(this.signer.sign(this.signer.customerClaims(SUBJECT).build()));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("subject").asString()).isEqualTo(SUBJECT);
	}

	@Test
	void rejectsRequestWithoutToken() {
		ApiResponse response = this.api.get("/me").send();

		assertProblem(response, 401);
		assertThat(AuditLog.shared().line(response.header("X-Request-Id")).fields()).containsEntry("bulwark.reason",
				"missing");
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer").doesNotContain("error=");
		assertThat(response.json().get("status").asInt()).isEqualTo(401);
	}

	@Test
	void rejectsMalformedToken() {
		assertInvalidToken(me("not-a-jwt"), "not-a-jwt", AuthenticationFailure.MALFORMED);
	}

	@Test
	void rejectsExpiredToken() {
		Instant past = Instant.now().minusSeconds(600);

		assertRefusedWhenSignedWith(AuthenticationFailure.EXPIRED,
				claims -> claims.issueTime(Date.from(past.minusSeconds(300))).expirationTime(Date.from(past)));
	}

	@Test
	void rejectsTokenWithoutExpiry() {
		assertRefusedWhenSignedWith(AuthenticationFailure.MALFORMED, claims -> claims.expirationTime(null));
	}

	@Test
	void rejectsTokenWithoutIssuedAt() {
		assertRefusedWhenSignedWith(AuthenticationFailure.MALFORMED, claims -> claims.issueTime(null));
	}

	@Test
	void rejectsTokenNotYetValid() {
		assertRefusedWhenSignedWith(AuthenticationFailure.NOT_YET_VALID,
				claims -> claims.notBeforeTime(Date.from(Instant.now().plusSeconds(600))));
	}

	@Test
	void rejectsTokenFromOtherRealm() {
		String token = this.tokens.masterRealmAdmin();

		assertInvalidToken(me(token), token, AuthenticationFailure.UNKNOWN_KEY);
	}

	@Test
	void rejectsTokenSignedByRealmKeyButNamingOtherIssuer() {
		assertRefusedWhenSignedWith(AuthenticationFailure.WRONG_ISSUER,
				claims -> claims.issuer(KeycloakServer.shared().issuer("master")));
	}

	@Test
	void rejectsTokenForOtherAudience() {
		assertRefusedWhenSignedWith(AuthenticationFailure.WRONG_AUDIENCE, claims -> claims.audience("some-other-api"));
	}

	@Test
	void rejectsUnsignedToken() {
		String genuine = this.tokens.user(ALICE);
		String unsigned = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + genuine.split("\\.")[1] + ".";

		assertInvalidToken(me(unsigned), unsigned, AuthenticationFailure.DISALLOWED_ALGORITHM);
	}

	@Test
	void rejectsHmacTokenSignedWithRealmPublicKey() throws Exception {
		String genuine = this.tokens.user(ALICE);
		SignedJWT parsed = SignedJWT.parse(genuine);
		RSAKey realmKey = this.signer.realmPublicKey(parsed.getHeader().getKeyID());
		SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(realmKey.getKeyID()).build(),
				parsed.getJWTClaimsSet());
		forged.sign(new MACSigner(realmKey.toRSAPublicKey().getEncoded()));
		String token = forged.serialize();

		assertInvalidToken(me(token), token, AuthenticationFailure.DISALLOWED_ALGORITHM);
	}

	@Test
	void rejectsTokenSignedByUnknownKey() {
		String token = RealmSigner.signWithUnknownKey(this.signer.customerClaims(SUBJECT).build());

		assertInvalidToken(me(token), token, AuthenticationFailure.UNKNOWN_KEY);
	}

	@Test
	void rejectsTamperedPayload() throws Exception {
		String genuine = this.tokens.user(BOB);
		String[] parts = genuine.split("\\.");
		JWTClaimsSet claims = SignedJWT.parse(genuine).getJWTClaimsSet();
		JWTClaimsSet escalated = new JWTClaimsSet.Builder(claims)
			.claim("resource_access", Map.of("bulwark-api", Map.of("roles", List.of("admin"))))
			.build();
		String tampered = parts[0] + "." + base64Url(escalated.toString()) + "." + parts[2];

		assertInvalidToken(this.api.delete("/orders/" + UUID.randomUUID()).token(tampered).send(), tampered,
				AuthenticationFailure.BAD_SIGNATURE);
	}

	@Test
	void rejectsChangedCopiesOfATokenAcceptedBefore() throws Exception {
		String genuine = this.tokens.user(BOB);
		assertThat(me(genuine).status()).isEqualTo(200);
		String[] parts = genuine.split("\\.");
		JWTClaimsSet escalated = new JWTClaimsSet.Builder(SignedJWT.parse(genuine).getJWTClaimsSet())
			.claim("resource_access", Map.of("bulwark-api", Map.of("roles", List.of("admin"))))
			.build();
		String tamperedPayload = parts[0] + "." + base64Url(escalated.toString()) + "." + parts[2];
		char last = parts[2].charAt(parts[2].length() - 2);
		String tamperedSignature = parts[0] + "." + parts[1] + "."
				+ parts[2].substring(0, parts[2].length() - 2) + ((last == 'A') ? 'B' : 'A')
				+ parts[2].charAt(parts[2].length() - 1);

		assertInvalidToken(me(tamperedPayload), tamperedPayload, AuthenticationFailure.BAD_SIGNATURE);
		assertInvalidToken(me(tamperedSignature), tamperedSignature, AuthenticationFailure.BAD_SIGNATURE);
		assertThat(me(genuine).status()).isEqualTo(200);
	}

	@Test
	void rejectsTokenThatNamesAClaimTwice() {
		String claims = this.signer.customerClaims(SUBJECT).build().toString();
		String token = this.signer.signPayload(
				claims.replaceFirst("\\{", "{\"resource_access\":{\"bulwark-api\":{\"roles\":[\"admin\"]}},"));

		assertInvalidToken(me(token), token, AuthenticationFailure.MALFORMED);
	}

	@Test
	void rejectsTokenWithoutSubject() {
		assertRefusedWhenSignedWith(AuthenticationFailure.MALFORMED, claims -> claims.subject(null));
	}

	@Test
	void rejectsTokenIssuedToClientNotAllowedToCallTheApi() {
		assertRefusedWhenSignedWith(AuthenticationFailure.UNAUTHORIZED_CLIENT,
				claims -> claims.claim("azp", "some-other-client"));
	}

	@Test
	void rejectsTokenNamingNoClient() {
		assertRefusedWhenSignedWith(AuthenticationFailure.UNAUTHORIZED_CLIENT, claims -> claims.claim("azp", null));
	}

	@Test
	void rejectsGenuineTokenOfClientNotOnTheAllowList() throws Exception {
		// Given a client added with Keycloak's defaults, whose service account a realm admin gave an API role
		try (NewRealmClient client = NewRealmClient.withApiRole("customer")) {
			String token = client.accessToken();
			JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
			assertThat(claims.getAudience()).contains("bulwark-api");
			assertThat(claims.getJSONObjectClaim("resource_access")).containsKey("bulwark-api");
			assertThat(claims.getStringClaim("azp")).isEqualTo(client.clientId());

			// When it calls the API with its genuine token, Then it is refused like any invalid token
			assertInvalidToken(me(token), token, AuthenticationFailure.UNAUTHORIZED_CLIENT);
		}
	}

	@Test
	void rejectsIdTokenUsedAsAccessToken() {
		String idToken = this.tokens.signIn(ALICE).get("id_token").asString();

		assertInvalidToken(me(idToken), idToken, AuthenticationFailure.WRONG_AUDIENCE);
	}

	@Test
	void rejectsIdTokenEvenWhenItNamesTheApiAsAudience() {
		assertRefusedWhenSignedWith(AuthenticationFailure.WRONG_TYPE, claims -> claims.claim("typ", "ID"));
	}

	private ApiResponse me(String token) {
		return this.api.get("/me").token(token).send();
	}

	/**
	 * Signs the claims of a valid customer token, changed as given, with the realm's key: only the change can be
	 * why the token is refused.
	 */
	private void assertRefusedWhenSignedWith(AuthenticationFailure reason, UnaryOperator<JWTClaimsSet.Builder> change) {
		String token = this.signer.sign(change.apply(this.signer.customerClaims(SUBJECT)).build());

		assertInvalidToken(me(token), token, reason);
	}

	/**
	 * The client learns nothing but that the token is invalid; the audit trail records why, and nothing of the
	 * token but its fingerprint.
	 */
	private static void assertInvalidToken(ApiResponse response, String token, AuthenticationFailure reason) {
		assertProblem(response, 401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"")
			.contains("error_description=\"The access token is invalid or has expired.\"");
		assertThat(response.json().get("status").asInt()).isEqualTo(401);
		assertThat(response.json().get("detail").asString()).isEqualTo("The access token is invalid or has expired.");
		for (String part : token.split("\\.")) {
			if (part.length() > 8) {
				assertThat(response.body()).doesNotContain(part);
				assertThat(response.header("WWW-Authenticate")).doesNotContain(part);
				assertThat(AuditLog.shared().eventsOf(response.header("X-Request-Id")))
					.noneMatch(event -> (event.getFormattedMessage() + event.getKeyValuePairs()).contains(part));
			}
		}
		assertThat(AuditLog.shared().line(response.header("X-Request-Id")).fields()).as(response.toString())
			.containsEntry("bulwark.outcome", "unauthenticated")
			.containsEntry("bulwark.reason", reason.code());
	}

	private static String base64Url(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
