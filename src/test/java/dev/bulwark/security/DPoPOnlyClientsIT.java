package dev.bulwark.security;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.AuditLog;
import dev.bulwark.support.DPoPKey;
import dev.bulwark.support.DevRealm;
import dev.bulwark.support.LocalInfrastructure;
import dev.bulwark.support.ReconfiguredContractTest;
import dev.bulwark.support.SettingsOnTop;
import dev.bulwark.support.TestRateLimits;
import dev.bulwark.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's own rule, alone: a client listed in {@code bulwark.security.dpop.required-clients} cannot use a bearer
 * token, even one its identity provider issued. Here the web client is listed, which Keycloak still lets have
 * bearer tokens, so only the API stands between such a token and the orders.
 */
@ContextConfiguration(initializers = { LocalInfrastructure.class, TestRateLimits.class,
		DPoPOnlyClientsIT.WebClientDPoPOnly.class }, inheritInitializers = false)
class DPoPOnlyClientsIT extends ReconfiguredContractTest {

	private static final Map<String, String> SETTINGS = Map.of("bulwark.security.dpop.required-clients[0]",
			DevRealm.WEB_CLIENT, "bulwark.security.dpop.required-clients[1]", DevRealm.CLI_CLIENT);

	@Override
	protected Map<String, String> settings() {
		return SETTINGS;
	}

	@Test
	void bearerTokenOfDPoPOnlyClientIsRefused() {
		ApiResponse response = this.api.get("/me").token(this.tokens.user(ALICE)).send();

		assertProblem(response, 401);
		assertThat(response.header("WWW-Authenticate")).startsWith("DPoP error=\"invalid_token\"");
		assertThat(response.json().get("detail").asString()).isEqualTo("This client must use DPoP-bound access tokens.");
		assertThat(AuditLog.shared().line(response.header("X-Request-Id")).fields()).containsEntry("bulwark.reason",
				AuthenticationFailure.DPOP_REQUIRED.code());
	}

	@Test
	void boundTokenOfDPoPOnlyClientIsTaken() {
		DPoPKey key = DPoPKey.generate();
		String token = this.tokens.browser(new Tokens.Person(ALICE, DevRealm.password(ALICE), DevRealm.otpSecret(ALICE)),
				new Tokens.Client(DevRealm.WEB_CLIENT, DevRealm.WEB_REDIRECT_URI, key))
			.signIn(Tokens.SignIn.withPassword())
			.tokens()
			.get("access_token")
			.asString();

		ApiResponse response = this.api.get("/me").dpop(token, key.proof("GET", publicUrl("/me"), token)).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.json().get("clientId").asString()).isEqualTo(DevRealm.WEB_CLIENT);
	}

	@Test
	void otherClientsKeepTheirBearerTokens() {
		ApiResponse response = this.api.get("/orders").token(reportingToken()).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
	}

	static class WebClientDPoPOnly extends SettingsOnTop {

		WebClientDPoPOnly() {
			super(SETTINGS);
		}

	}

}
