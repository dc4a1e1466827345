package dev.bulwark.security;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.DevRealm;
import dev.bulwark.support.Eventually;
import dev.bulwark.support.FaultyLink;
import dev.bulwark.support.FaultyLink.Fault;
import dev.bulwark.support.Http;
import dev.bulwark.support.KeycloakServer;
import dev.bulwark.support.LocalInfrastructure;
import dev.bulwark.support.RealmSigner;
import dev.bulwark.support.ReconfiguredContractTest;
import dev.bulwark.support.SettingsOnTop;
import dev.bulwark.support.TestRateLimits;
import dev.bulwark.support.Timed;
import dev.bulwark.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What callers see while Keycloak is down, hangs or rotates its keys, in both runtimes: each application fetches
 * the realm's keys through a {@link FaultyLink} (tokens are still issued by the real Keycloak, directly). The
 * key cache is short here (2 s, keys trusted for 6 s after the last successful fetch, a refetch at most every
 * second) and accepted tokens are not remembered, so that each request shows what the keys allow; the defaults
 * are 5 min, 1 h, 30 s and a 1 000-token cache.
 */
// The link's settings on top of the shared ones: listed last, so that they are applied last.
@ContextConfiguration(initializers = { LocalInfrastructure.class, TestRateLimits.class,
		KeycloakFaultsIT.ThroughFaultyLink.class }, inheritInitializers = false)
class KeycloakFaultsIT extends ReconfiguredContractTest {

	private static final FaultyLink KEYCLOAK = FaultyLink.to(KeycloakServer.shared().baseUrl());

	private static final Duration CACHE_TTL = Duration.ofSeconds(2);

	private static final Duration MAX_STALE = Duration.ofSeconds(6);

	private static final Map<String, String> SETTINGS = Map.of(
			"spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
			KEYCLOAK.url() + "/realms/" + DevRealm.NAME + "/protocol/openid-connect/certs",
			"bulwark.security.jwks-cache-ttl", CACHE_TTL.toMillis() + "ms", "bulwark.security.jwks-min-refresh-interval",
			"1s", "bulwark.security.jwks-max-stale", MAX_STALE.toMillis() + "ms",
			"bulwark.security.token-cache.max-entries", "0");

	@Override
	protected Map<String, String> settings() {
		return SETTINGS;
	}

	@AfterEach
	void keycloakIsBack() {
		KEYCLOAK.heal();
		ApiResponse me = Eventually.ok(Duration.ofSeconds(10), () -> me(this.tokens.user(ALICE)));
		assertThat(me.status()).as("served again within 10 s: " + me).isEqualTo(200);
	}

	@Test
	void tokensSignedByAKnownKeyKeepWorkingWhileKeycloakIsDown() throws InterruptedException {
		String token = this.tokens.user(ALICE);
		assertThat(me(token).status()).isEqualTo(200);
		KEYCLOAK.inject(Fault.REFUSE);
		Thread.sleep(CACHE_TTL.plusMillis(500).toMillis());

		ApiResponse me = me(token);

		assertThat(me.status()).as(me.toString()).isEqualTo(200);
		assertThat(metrics()).contains("bulwark_jwks_stale 1.0");
		KEYCLOAK.heal();
		Thread.sleep(CACHE_TTL.plusMillis(500).toMillis());
		assertThat(me(token).status()).isEqualTo(200);
		assertThat(metrics()).contains("bulwark_jwks_stale 0.0");
	}

	@Test
	void aTokenSignedByAnUnknownKeyIsRefusedPromptlyWhileKeycloakHangs() {
		String token = this.tokens.user(ALICE);
		assertThat(me(token).status()).isEqualTo(200);
		KEYCLOAK.inject(Fault.STALL);
		String stranger = RealmSigner.signWithUnknownKey(RealmSigner.shared().customerClaims("stranger").build());

		Timed refused = Timed.of(() -> me(stranger));

		assertProblem(refused.response(), 401);
		assertThat(refused.response().header("WWW-Authenticate")).contains("error=\"invalid_token\"");
		assertThat(refused.took()).as("the key lookup gives up after its 2 s read timeout").isLessThan(Duration.ofSeconds(5));
		assertThat(me(token).status()).as("a known key still works").isEqualTo(200);
	}

	@Test
	void withKeysTooOldToTrustRequestsAre503UntilKeycloakIsBack() throws InterruptedException {
		String token = this.tokens.user(ALICE);
		assertThat(me(token).status()).isEqualTo(200);
		KEYCLOAK.inject(Fault.REFUSE);
		Thread.sleep(MAX_STALE.plus(CACHE_TTL).plusMillis(500).toMillis());

		ApiResponse unavailable = me(token);

		assertProblem(unavailable, 503);
		assertThat(unavailable.header("Retry-After")).isEqualTo("1");
		assertThat(unavailable.body()).doesNotContainIgnoringCase("keycloak");
		// @AfterEach: served again once Keycloak is back.
	}

	@Test
	void aRotatedInKeyIsTrustedAtOnceAndARemovedOneWithinTheKeyCacheTtl() throws Exception {
		String before = this.tokens.user(ALICE);
		// A refetch for an unknown key id is rate-limited (1 s here): none has happened in the last second.
		Thread.sleep(1_100);
		String key = addSigningKey();
		try {
			String after = this.tokens.signIn(ALICE).get("access_token").asString();
			assertThat(keyId(after)).isNotEqualTo(keyId(before));

			assertThat(me(after).status()).as("signed by the new key").isEqualTo(200);
			assertThat(me(before).status()).as("signed by the old key, still published").isEqualTo(200);

			removeSigningKey(key);
			key = null;
			Thread.sleep(CACHE_TTL.plusMillis(500).toMillis());
			ApiResponse refused = me(after);
			assertProblem(refused, 401);
			assertThat(me(before).status()).isEqualTo(200);
		}
		finally {
			if (key != null) {
				removeSigningKey(key);
			}
		}
	}

	private ApiResponse me(String token) {
		return this.api.get("/me").token(token).send();
	}

	private String metrics() {
		return this.api.get("/actuator/prometheus").token(this.tokens.client(DevRealm.METRICS_CLIENT)).send().body();
	}

	/**
	 * A generated RSA key of the highest priority: Keycloak signs new tokens with it from now on.
	 */
	private static String addSigningKey() {
		Map<String, Object> component = Map.of("name", "bulwark-tests-rotated-key", "providerId", "rsa-generated",
				"providerType", "org.keycloak.keys.KeyProvider", "parentId", DevRealm.NAME, "config",
				Map.of("priority", List.of("10000"), "enabled", List.of("true"), "active", List.of("true"),
						"algorithm", List.of("RS256"), "keySize", List.of("2048")));
		String location = Http.postJson(KeycloakServer.shared().adminApi(DevRealm.NAME) + "/components",
				Tokens.shared().masterRealmAdmin(), component, 201).headers().firstValue("Location").orElseThrow();
		return location.substring(location.lastIndexOf('/') + 1);
	}

	private static void removeSigningKey(String id) {
		Http.delete(KeycloakServer.shared().adminApi(DevRealm.NAME) + "/components/" + id,
				Tokens.shared().masterRealmAdmin(), 204);
	}

	private static String keyId(String token) throws ParseException {
		return SignedJWT.parse(token).getHeader().getKeyID();
	}

	/** The Boot app of this class, with its settings. */
	static class ThroughFaultyLink extends SettingsOnTop {

		ThroughFaultyLink() {
			super(SETTINGS);
		}

	}

}
