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

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		// DynamoDB Local accepts any credentials, but the SDK insists on finding some.
		System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "local"));
		System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "local"));
		KeycloakServer keycloak = KeycloakServer.shared();
		LocalDynamoDb dynamoDb = LocalDynamoDb.shared();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("bulwarkLocalInfrastructure",
					Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", keycloak.issuer(DevRealm.NAME),
							"bulwark.dynamodb.endpoint", dynamoDb.endpoint(), "bulwark.dynamodb.region", "eu-central-1",
							"bulwark.dynamodb.create-tables", "true")));
	}

}
