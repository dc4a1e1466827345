package dev.bulwark.order.dynamodb;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import tools.jackson.databind.json.JsonMapper;

import dev.bulwark.order.OrderRepository;

/**
 * The DynamoDB client and the order repository on top of it.
 */
@Configuration(proxyBeanMethods = false)
class DynamoDbConfiguration {

	private static final Log logger = LogFactory.getLog(DynamoDbConfiguration.class);

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
	DynamoDbTable<OrderItem> orderTable(DynamoDbEnhancedClient dynamoDb, DynamoDbProperties properties) {
		return dynamoDb.table(properties.ordersTable(), TableSchema.fromBean(OrderItem.class));
	}

	@Bean
	DynamoDbTable<IdempotencyItem> idempotencyTable(DynamoDbEnhancedClient dynamoDb, DynamoDbProperties properties) {
		return dynamoDb.table(properties.idempotencyTable(), TableSchema.fromBean(IdempotencyItem.class));
	}

	@Bean
	OrderRepository orderRepository(DynamoDbEnhancedClient dynamoDb, DynamoDbTable<OrderItem> orderTable,
			DynamoDbTable<IdempotencyItem> idempotencyTable, DynamoDbProperties properties, JsonMapper jsonMapper,
			Clock clock) {
		return new DynamoDbOrderRepository(dynamoDb, orderTable, idempotencyTable,
				new PageCursors(cursorKey(properties), properties.cursorTtl(), clock, jsonMapper), properties.idempotencyTtl(),
				clock);
	}

	@Bean
	DynamoDbTables dynamoDbTables(DynamoDbClient dynamoDb, DynamoDbTable<OrderItem> orderTable,
			DynamoDbTable<IdempotencyItem> idempotencyTable, DynamoDbProperties properties) {
		return new DynamoDbTables(dynamoDb, orderTable, idempotencyTable, properties.createTables());
	}

	private static byte[] cursorKey(DynamoDbProperties properties) {
		if (properties.cursorKey() != null) {
			return Base64.getDecoder().decode(properties.cursorKey());
		}
		logger.warn("bulwark.dynamodb.cursor-key is not set: page cursors will not work across restarts or instances");
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

}
