package dev.bulwark.security;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.bulwark.BulwarkApplication;
import dev.bulwark.support.Api;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.DevRealm;
import dev.bulwark.support.Eventually;
import dev.bulwark.support.FaultyLink;
import dev.bulwark.support.FaultyLink.Fault;
import dev.bulwark.support.HttpTransport;
import dev.bulwark.support.KeycloakServer;
import dev.bulwark.support.LambdaTransport;
import dev.bulwark.support.LocalInfrastructure;
import dev.bulwark.support.LocalLambda;
import dev.bulwark.support.OpenApiContract;
import dev.bulwark.support.SettingsOnTop;
import dev.bulwark.support.TestRateLimits;
import dev.bulwark.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance that starts while Keycloak cannot be reached, in each runtime: it starts (keys are fetched when first
 * needed), answers every token with a 503 problem while it has no keys to check it with, never a 500 or a 401 that
 * would send an honest client to sign in again, and serves once Keycloak is back. Each runtime gets an
 * application of its own, which has never fetched the keys.
 */
class ColdStartWithoutKeycloakIT {

	private static final FaultyLink KEYCLOAK = FaultyLink.to(KeycloakServer.shared().baseUrl());

	private static final Map<String, String> SETTINGS = Map.of("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
			KEYCLOAK.url() + "/realms/" + DevRealm.NAME + "/protocol/openid-connect/certs",
			"bulwark.security.jwks-min-refresh-interval", "1s");

	private static ConfigurableApplicationContext boot;

	private final String token = Tokens.shared().user("alice");

	@AfterEach
	void keycloakIsBack() {
		KEYCLOAK.heal();
	}

	@AfterAll
	static void stop() {
		if (boot != null) {
			boot.close();
		}
	}

	@Test
	void aBootAppStartedWhileKeycloakIsDownAnswers503UntilItIsBack() {
		KEYCLOAK.inject(Fault.REFUSE);
		SpringApplication application = new SpringApplication(BulwarkApplication.class);
		application.addInitializers(new LocalInfrastructure(), new TestRateLimits(), new SettingsOnTop(SETTINGS) {
		});
		boot = application.run("--server.port=0");
		int port = ((WebServerApplicationContext) boot).getWebServer().getPort();

		assertServesOnlyOnceKeycloakIsBack(new Api(OpenApiContract.shared().checking(new HttpTransport("http://localhost:" + port))));
	}

	@Test
	void aLambdaStartedWhileKeycloakIsDownAnswers503UntilItIsBack() {
		KEYCLOAK.inject(Fault.REFUSE);

		assertServesOnlyOnceKeycloakIsBack(
				new Api(OpenApiContract.shared().checking(LambdaTransport.httpApi(LocalLambda.handlerWith(SETTINGS)))));
	}

	private void assertServesOnlyOnceKeycloakIsBack(Api api) {
		ApiResponse unavailable = api.get("/me").token(this.token).send();

		assertThat(unavailable.status()).as(unavailable.toString()).isEqualTo(503);
		assertThat(unavailable.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(unavailable.header("Retry-After")).isEqualTo("1");
		assertThat(api.get("/actuator/health").send().status()).as("alive, if not serving").isEqualTo(200);
		KEYCLOAK.heal();
		ApiResponse me = Eventually.ok(Duration.ofSeconds(10), () -> api.get("/me").token(this.token).send());
		assertThat(me.status()).as("served within 10 s of Keycloak's return: " + me).isEqualTo(200);
	}

}
