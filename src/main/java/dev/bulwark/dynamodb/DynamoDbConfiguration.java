package dev.bulwark.dynamodb;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import dev.bulwark.dynamodb.DynamoDbProperties.Timeouts;

/**
 * The DynamoDB clients every feature uses, with bounded timeouts, retries and concurrency ({@link DynamoDbGuard})
 * and the translation of their failures ({@link DynamoDbFailures}), and the tables the features declare, created
 * when asked to.
 */
@Configuration(proxyBeanMethods = false)
class DynamoDbConfiguration {

	@Bean(destroyMethod = "close")
	DynamoDbClient dynamoDbClient(DynamoDbProperties properties, MeterRegistry meters) {
		Timeouts timeouts = properties.timeouts();
		return builder(properties)
			// The URL-connection client's own timeouts bound a connection that hangs even where the SDK's would not.
			.httpClient(new RetryableSendFailures(UrlConnectionHttpClient.builder()
				.connectionTimeout(timeouts.connect())
				.socketTimeout(timeouts.attempt())
				.build()))
			.overrideConfiguration(calls -> calls.apiCallAttemptTimeout(timeouts.attempt())
				.apiCallTimeout(timeouts.call())
				// The standard strategy backs off exponentially with full jitter, and stops retrying altogether
				// while retries keep failing (its token bucket), so an outage is not met with more calls.
				.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
					.toBuilder()
					.maxAttempts(properties.maxAttempts())
					.build())
				.addExecutionInterceptor(
						new DynamoDbGuard(properties.maxConcurrentCalls(), properties.outage(), meters)))
			.build();
	}

	@Bean
	DynamoDbEnhancedClient dynamoDbEnhancedClient(DynamoDbClient dynamoDb) {
		return DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
	}

	@Bean
	DynamoDbFailures dynamoDbFailures(DynamoDbProperties properties) {
		return new DynamoDbFailures(properties.outage().openFor());
	}

	/**
	 * Creating a table takes longer than an API call may, so local runs create them with a client of their own,
	 * with the SDK's default timeouts, closed once the tables exist.
	 */
	@Bean
	LocalTables localTables(ObjectProvider<TableDefinition> tables, DynamoDbProperties properties) {
		return new LocalTables(() -> builder(properties).httpClient(UrlConnectionHttpClient.create()).build(),
				tables.orderedStream().toList(), properties.createTables());
	}

	/**
	 * A client of the configured DynamoDB. The URL-connection HTTP client starts faster than Apache's and needs no
	 * extra threads, which matters on Lambda.
	 */
	private static DynamoDbClientBuilder builder(DynamoDbProperties properties) {
		DynamoDbClientBuilder builder = DynamoDbClient.builder();
		if (properties.endpoint() != null) {
			builder.endpointOverride(properties.endpoint());
		}
		if (properties.region() != null) {
			builder.region(Region.of(properties.region()));
		}
		return builder;
	}

}
