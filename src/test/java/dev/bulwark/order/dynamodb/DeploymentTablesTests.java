package dev.bulwark.order.dynamodb;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bulwark.support.DeploymentTemplate;

import static dev.bulwark.support.DeploymentTemplate.list;
import static dev.bulwark.support.DeploymentTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tables {@code template.yaml} deploys are the tables this code reads and writes, encrypted and recoverable.
 */
class DeploymentTablesTests {

	private final DeploymentTemplate template = DeploymentTemplate.load();

	@Test
	void ordersTableHasTheKeyAndIndexesTheRepositoryQueries() {
		Map<String, Object> orders = this.template.properties("OrdersTable");

		assertThat(keys(orders.get("KeySchema"))).containsExactly("id HASH");
		assertThat(list(orders.get("GlobalSecondaryIndexes"))).extracting(index -> map(index).get("IndexName"))
			.containsExactlyInAnyOrder(OrderItem.BY_CUSTOMER, OrderItem.BY_STATUS);
		for (Object index : list(orders.get("GlobalSecondaryIndexes"))) {
			String sortKey = keys(map(index).get("KeySchema")).get(1);
			assertThat(sortKey).isEqualTo("createdAt RANGE");
		}
	}

	@Test
	void idempotencyKeysExpireByTheAttributeTheCodeWrites() {
		Map<String, Object> idempotency = this.template.properties("IdempotencyTable");

		assertThat(keys(idempotency.get("KeySchema"))).containsExactly("scopedKey HASH");
		assertThat(map(idempotency.get("TimeToLiveSpecification"))).containsEntry("AttributeName",
				IdempotencyItem.TTL_ATTRIBUTE).containsEntry("Enabled", true);
	}

	@Test
	void tablesAreEncryptedRecoverableAndProtected() {
		for (String table : List.of("OrdersTable", "IdempotencyTable")) {
			Map<String, Object> properties = this.template.properties(table);
			assertThat(map(properties.get("SSESpecification"))).containsEntry("SSEEnabled", true);
			assertThat(map(properties.get("PointInTimeRecoverySpecification")))
				.containsEntry("PointInTimeRecoveryEnabled", true);
			assertThat(properties).containsEntry("DeletionProtectionEnabled", true);
		}
	}

	private static List<String> keys(Object keySchema) {
		return list(keySchema).stream().map(key -> map(key).get("AttributeName") + " " + map(key).get("KeyType")).toList();
	}

}
