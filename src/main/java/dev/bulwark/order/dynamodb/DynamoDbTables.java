package dev.bulwark.order.dynamodb;

import org.springframework.beans.factory.InitializingBean;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.CreateTableEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.EnhancedGlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * Creates the tables at startup when asked to, for local runs against DynamoDB Local. In AWS the deployment
 * creates them, and the function's IAM role has no right to.
 */
class DynamoDbTables implements InitializingBean {

	private final DynamoDbClient dynamoDb;

	private final DynamoDbTable<OrderItem> orders;

	private final DynamoDbTable<IdempotencyItem> idempotencyKeys;

	private final boolean create;

	DynamoDbTables(DynamoDbClient dynamoDb, DynamoDbTable<OrderItem> orders, DynamoDbTable<IdempotencyItem> idempotencyKeys,
			boolean create) {
		this.dynamoDb = dynamoDb;
		this.orders = orders;
		this.idempotencyKeys = idempotencyKeys;
		this.create = create;
	}

	@Override
	public void afterPropertiesSet() {
		if (!this.create) {
			return;
		}
		createIfMissing(this.orders, CreateTableEnhancedRequest.builder()
			.globalSecondaryIndices(index(OrderItem.BY_CUSTOMER), index(OrderItem.BY_STATUS))
			.build());
		if (createIfMissing(this.idempotencyKeys, CreateTableEnhancedRequest.builder().build())) {
			this.dynamoDb.updateTimeToLive(ttl -> ttl.tableName(this.idempotencyKeys.tableName())
				.timeToLiveSpecification(spec -> spec.attributeName(IdempotencyItem.TTL_ATTRIBUTE).enabled(true)));
		}
	}

	private static EnhancedGlobalSecondaryIndex index(String name) {
		return EnhancedGlobalSecondaryIndex.builder()
			.indexName(name)
			.projection(projection -> projection.projectionType(ProjectionType.ALL))
			.build();
	}

	private boolean createIfMissing(DynamoDbTable<?> table, CreateTableEnhancedRequest request) {
		try {
			table.createTable(request);
		}
		catch (ResourceInUseException alreadyThere) {
			return false;
		}
		this.dynamoDb.waiter().waitUntilTableExists(describe -> describe.tableName(table.tableName()));
		return true;
	}

}
