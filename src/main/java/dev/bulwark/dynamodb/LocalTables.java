package dev.bulwark.dynamodb;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.beans.factory.InitializingBean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * Creates the declared tables that are missing at startup when asked to, for local runs against DynamoDB Local.
 * In AWS the deployment creates them, and the function's IAM role has no right to.
 */
class LocalTables implements InitializingBean {

	private final Supplier<DynamoDbClient> client;

	private final List<TableDefinition> tables;

	private final boolean create;

	LocalTables(Supplier<DynamoDbClient> client, List<TableDefinition> tables, boolean create) {
		this.client = client;
		this.tables = tables;
		this.create = create;
	}

	@Override
	public void afterPropertiesSet() {
		if (!this.create) {
			return;
		}
		try (DynamoDbClient dynamoDb = this.client.get()) {
			for (TableDefinition table : this.tables) {
				createIfMissing(table, dynamoDb);
			}
		}
	}

	private static void createIfMissing(TableDefinition table, DynamoDbClient dynamoDb) {
		try {
			table.create(dynamoDb);
		}
		catch (ResourceInUseException alreadyThere) {
			// Created by another instance or an earlier run.
			return;
		}
		dynamoDb.waiter().waitUntilTableExists(describe -> describe.tableName(table.name()));
		String expiry = table.timeToLiveAttribute();
		if (expiry != null) {
			dynamoDb.updateTimeToLive(ttl -> ttl.tableName(table.name())
				.timeToLiveSpecification(spec -> spec.attributeName(expiry).enabled(true)));
		}
	}

}
