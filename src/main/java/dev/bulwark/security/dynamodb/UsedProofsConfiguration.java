package dev.bulwark.security.dynamodb;

import java.time.Clock;
import java.util.Objects;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.DPoPProofReplayValidator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import dev.bulwark.dynamodb.DynamoDbFailures;
import dev.bulwark.dynamodb.TableDefinition;
import dev.bulwark.security.ApiSecurityProperties;

/**
 * The fleet-wide record of used DPoP proofs, when {@code bulwark.security.dpop.replay-table} names its table;
 * without it (unset or empty), each instance remembers the proofs it took in memory.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${bulwark.security.dpop.replay-table:}'.isBlank()")
class UsedProofsConfiguration {

	@Bean
	DPoPProofReplayValidator sharedProofReplays(DynamoDbClient dynamoDb, ApiSecurityProperties security, Clock clock,
			DynamoDbFailures failures) {
		ApiSecurityProperties.Dpop dpop = security.dpop();
		DPoPProofReplayValidator replays = new DPoPProofReplayValidator(
				new DynamoDbUsedProofs(dynamoDb, table(dpop), clock, failures));
		replays.setClockSkew(dpop.proofWindow());
		replays.setClock(clock);
		return replays;
	}

	/**
	 * The table, created by local runs; in AWS the template creates it.
	 */
	@Bean
	TableDefinition usedProofsTableDefinition(ApiSecurityProperties security) {
		return TableDefinition.of(CreateTableRequest.builder()
			.tableName(table(security.dpop()))
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.attributeDefinitions(AttributeDefinition.builder()
				.attributeName(DynamoDbUsedProofs.KEY)
				.attributeType(ScalarAttributeType.S)
				.build())
			.keySchema(KeySchemaElement.builder().attributeName(DynamoDbUsedProofs.KEY).keyType(KeyType.HASH).build())
			.build()).expiringBy(DynamoDbUsedProofs.TTL_ATTRIBUTE);
	}

	private static String table(ApiSecurityProperties.Dpop dpop) {
		return Objects.requireNonNull(dpop.replayTable(), "bulwark.security.dpop.replay-table");
	}

}
