package dev.bulwark.security.dynamodb;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.bulwark.support.DeploymentTemplate;

import static dev.bulwark.support.DeploymentTemplate.list;
import static dev.bulwark.support.DeploymentTemplate.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The used proofs' table {@code template.yaml} deploys is the one the replay check writes, and its items expire.
 */
class DeploymentUsedProofsTableTests {

	@Test
	void usedProofsExpireByTheAttributeTheCodeWrites() {
		Map<String, Object> table = DeploymentTemplate.load().properties("DPoPProofsTable");

		assertThat(list(table.get("KeySchema"))).singleElement()
			.satisfies(key -> assertThat(map(key)).containsEntry("AttributeName", DynamoDbUsedProofs.KEY));
		assertThat(map(table.get("TimeToLiveSpecification"))).containsEntry("AttributeName",
				DynamoDbUsedProofs.TTL_ATTRIBUTE).containsEntry("Enabled", true);
		assertThat(map(table.get("SSESpecification"))).containsEntry("SSEEnabled", true);
	}

}
