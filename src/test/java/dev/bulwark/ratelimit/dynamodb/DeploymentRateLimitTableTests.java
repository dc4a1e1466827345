package dev.bulwark.ratelimit.dynamodb;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bulwark.support.DeploymentTemplate;

import static dev.bulwark.support.DeploymentTemplate.list;
import static dev.bulwark.support.DeploymentTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The counters' table {@code template.yaml} deploys is the one the fleet quota writes, and its items expire.
 */
class DeploymentRateLimitTableTests {

	@Test
	void countersExpireByTheAttributeTheCodeWrites() {
		Map<String, Object> table = DeploymentTemplate.load().properties("RateLimitsTable");

		assertThat(list(table.get("KeySchema"))).singleElement()
			.satisfies(key -> assertThat(map(key)).containsEntry("AttributeName", DynamoDbFleetQuota.KEY));
		assertThat(map(table.get("TimeToLiveSpecification"))).containsEntry("AttributeName",
				DynamoDbFleetQuota.TTL_ATTRIBUTE).containsEntry("Enabled", true);
		assertThat(map(table.get("SSESpecification"))).containsEntry("SSEEnabled", true);
	}

}
