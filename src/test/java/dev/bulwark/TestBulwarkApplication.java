package dev.bulwark;

import java.util.Map;

import org.springframework.boot.SpringApplication;

import dev.bulwark.support.DeveloperPortal;
import dev.bulwark.support.LocalInfrastructure;
import dev.bulwark.support.LocalRunReport;

/**
 * The local run, {@code ./mvnw spring-boot:test-run}: Bulwark with a real Keycloak (dev realm imported) and
 * DynamoDB Local, no Docker needed, printing ready-to-paste {@code curl} commands with fresh tokens.
 */
public class TestBulwarkApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BulwarkApplication.class, DeveloperPortal.class);
		application.addInitializers(LocalInfrastructure.forLocalRun());
		// Locally, the API's description is there to be read and tried without a token first.
		application.setDefaultProperties(Map.of("bulwark.security.public-api-document", "true"));
		application.addListeners(new LocalRunReport());
		application.run(args);
	}

}
