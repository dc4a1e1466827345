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
import software.amazon.awssdk.enhanced.dynamodb.model.CreateTableEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import tools.jackson.databind.json.JsonMapper;

import dev.bulwark.dynamodb.DynamoDbFailures;
import dev.bulwark.dynamodb.TableDefinition;
import dev.bulwark.order.OrderRepository;

/**
 * The order repository on DynamoDB, and the tables it needs.
 */
@Configuration(proxyBeanMethods = false)
class OrderStorageConfiguration {

	private static final Log logger = LogFactory.getLog(OrderStorageConfiguration.class);

	@Bean
	DynamoDbTable<OrderItem> orderTable(DynamoDbEnhancedClient dynamoDb, OrderStorageProperties properties) {
		return dynamoDb.table(properties.ordersTable(), TableSchema.fromBean(OrderItem.class));
	}

	@Bean
	DynamoDbTable<IdempotencyItem> idempotencyTable(DynamoDbEnhancedClient dynamoDb, OrderStorageProperties properties) {
		return dynamoDb.table(properties.idempotencyTable(), TableSchema.fromBean(IdempotencyItem.class));
	}

	@Bean
	OrderRepository orderRepository(DynamoDbEnhancedClient dynamoDb, DynamoDbTable<OrderItem> orderTable,
			DynamoDbTable<IdempotencyItem> idempotencyTable, OrderStorageProperties properties, JsonMapper jsonMapper,
			Clock clock, DynamoDbFailures failures) {
		return failures.translating(OrderRepository.class, new DynamoDbOrderRepository(dynamoDb, orderTable,
				idempotencyTable, new PageCursors(cursorKey(properties), properties.cursorTtl(), clock, jsonMapper),
				properties.idempotencyTtl(), clock));
	}

	@Bean
	TableDefinition orderTableDefinition(DynamoDbTable<OrderItem> orderTable) {
		return TableDefinition.of(orderTable, CreateTableEnhancedRequest.builder()
			.globalSecondaryIndices(index(OrderItem.BY_CUSTOMER), index(OrderItem.BY_STATUS))
			.build());
	}

	@Bean
	TableDefinition idempotencyTableDefinition(DynamoDbTable<IdempotencyItem> idempotencyTable) {
		return TableDefinition.of(idempotencyTable, CreateTableEnhancedRequest.builder().build())
			.expiringBy(IdempotencyItem.TTL_ATTRIBUTE);
	}

	private static EnhancedGlobalSecondaryIndex index(String name) {
		return EnhancedGlobalSecondaryIndex.builder()
			.indexName(name)
			.projection(projection -> projection.projectionType(ProjectionType.ALL))
			.build();
	}

	private static byte[] cursorKey(OrderStorageProperties properties) {
		if (properties.cursorKey() != null) {
			return Base64.getDecoder().decode(properties.cursorKey());
		}
		logger.warn("bulwark.dynamodb.cursor-key is not set: page cursors will not work across restarts or instances");
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return key;
	}

}
