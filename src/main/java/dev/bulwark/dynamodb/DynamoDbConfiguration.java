package dev.bulwark.dynamodb;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB clients every feature uses, and the tables they declare, created when asked to.
 */
@Configuration(proxyBeanMethods = false)
class DynamoDbConfiguration {

	@Bean(destroyMethod = "close")
	DynamoDbClient dynamoDbClient(DynamoDbProperties properties) {
		// The URL-connection HTTP client starts faster than Apache's and needs no extra threads, which matters on Lambda.
		DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
		if (properties.endpoint() != null) {
			builder.endpointOverride(properties.endpoint());
		}
		if (properties.region() != null) {
			builder.region(Region.of(properties.region()));
		}
		return builder.build();
	}

	@Bean
	DynamoDbEnhancedClient dynamoDbEnhancedClient(DynamoDbClient dynamoDb) {
		return DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
	}

	@Bean
	LocalTables localTables(DynamoDbClient dynamoDb, ObjectProvider<TableDefinition> tables,
			DynamoDbProperties properties) {
		return new LocalTables(dynamoDb, tables.orderedStream().toList(), properties.createTables());
	}

}
