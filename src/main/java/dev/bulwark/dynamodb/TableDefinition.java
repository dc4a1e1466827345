package dev.bulwark.dynamodb;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.CreateTableEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * A table a feature needs, declared as a bean by the feature that owns it, so that local runs can create it. It
 * must match what {@code template.yaml} deploys.
 */
public final class TableDefinition {

	private final String name;

	private final Consumer<DynamoDbClient> create;

	private final @Nullable String timeToLiveAttribute;

	private TableDefinition(String name, Consumer<DynamoDbClient> create, @Nullable String timeToLiveAttribute) {
		this.name = name;
		this.create = create;
		this.timeToLiveAttribute = timeToLiveAttribute;
	}

	/**
	 * A table described with the low-level client's request.
	 */
	public static TableDefinition of(CreateTableRequest request) {
		return new TableDefinition(request.tableName(), dynamoDb -> dynamoDb.createTable(request), null);
	}

	/**
	 * A table of the enhanced client, whose keys and index keys come from its schema.
	 */
	public static TableDefinition of(DynamoDbTable<?> table, CreateTableEnhancedRequest request) {
		return new TableDefinition(table.tableName(), dynamoDb -> DynamoDbEnhancedClient.builder()
			.dynamoDbClient(dynamoDb)
			.build()
			.table(table.tableName(), table.tableSchema())
			.createTable(request), null);
	}

	/**
	 * This table, with DynamoDB's time to live on: items expire at the epoch second the attribute holds.
	 */
	public TableDefinition expiringBy(String attribute) {
		return new TableDefinition(this.name, this.create, attribute);
	}

	String name() {
		return this.name;
	}

	void create(DynamoDbClient dynamoDb) {
		this.create.accept(dynamoDb);
	}

	@Nullable String timeToLiveAttribute() {
		return this.timeToLiveAttribute;
	}

}
