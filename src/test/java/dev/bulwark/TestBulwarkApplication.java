package dev.bulwark;

import org.springframework.boot.SpringApplication;

import dev.bulwark.support.LocalInfrastructure;
import dev.bulwark.support.LocalRunReport;

/**
 * The local run, {@code ./mvnw spring-boot:test-run}: Bulwark with a real Keycloak (dev realm imported) and
 * DynamoDB Local, no Docker needed, printing ready-to-paste {@code curl} commands with fresh tokens.
 */
public class TestBulwarkApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(BulwarkApplication.class);
		application.addInitializers(new LocalInfrastructure());
		application.addListeners(new LocalRunReport());
		application.run(args);
	}

}
