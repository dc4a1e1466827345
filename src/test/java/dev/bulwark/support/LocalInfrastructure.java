package dev.bulwark.support;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts (once per JVM) a real Keycloak with the dev realm and DynamoDB Local, and points the application at
 * them. Used by the integration tests and by the local run ({@code ./mvnw spring-boot:test-run}).
 */
public class LocalInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/**
	 * For the local run: Keycloak on port 8180 when that is free, where docker-compose puts it too, so that one
	 * client setup (the HTTP request collection's, say) serves both.
	 */
	public static LocalInfrastructure forLocalRun() {
		System.setProperty(KeycloakDistribution.PREFERRED_PORT, "8180");
		return new LocalInfrastructure();
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("bulwarkLocalInfrastructure", Map.copyOf(properties())));
	}

	/**
	 * Points applications that this JVM starts outside the test framework (the Lambda handlers) at the local
	 * Keycloak and DynamoDB Local.
	 */
	static void applyAsSystemProperties() {
		properties().forEach(System::setProperty);
	}

	/**
	 * The settings that point an application at the local Keycloak and DynamoDB Local, starting them if needed.
	 */
	static Map<String, String> properties() {
		// DynamoDB Local accepts any credentials, but the SDK insists on finding some.
		System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "local"));
		System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "local"));
		return Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", KeycloakServer.shared().issuer(DevRealm.NAME),
				"bulwark.dynamodb.endpoint", LocalDynamoDb.shared().endpoint(), "bulwark.dynamodb.region", "eu-central-1",
				"bulwark.dynamodb.create-tables", "true", "bulwark.security.dpop.replay-table", "bulwark-dpop-proofs");
	}

}
