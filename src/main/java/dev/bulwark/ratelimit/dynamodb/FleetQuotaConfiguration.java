package dev.bulwark.ratelimit.dynamodb;

import java.time.Clock;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import dev.bulwark.dynamodb.TableDefinition;
import dev.bulwark.ratelimit.FleetQuota;

/**
 * The fleet-wide quota, off unless {@code bulwark.rate-limit.fleet.enabled=true}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bulwark.rate-limit.fleet.enabled", havingValue = "true")
@EnableConfigurationProperties(FleetQuotaConfiguration.FleetQuotaProperties.class)
class FleetQuotaConfiguration {

	@Bean
	FleetQuota fleetQuota(DynamoDbClient dynamoDb, FleetQuotaProperties properties, Clock clock) {
		return new DynamoDbFleetQuota(dynamoDb, properties.table(), clock);
	}

	/**
	 * The counters' table, created by local runs; in AWS the template creates it.
	 */
	@Bean
	TableDefinition fleetQuotaTableDefinition(FleetQuotaProperties properties) {
		return TableDefinition.of(CreateTableRequest.builder()
			.tableName(properties.table())
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.attributeDefinitions(AttributeDefinition.builder()
				.attributeName(DynamoDbFleetQuota.KEY)
				.attributeType(ScalarAttributeType.S)
				.build())
			.keySchema(KeySchemaElement.builder().attributeName(DynamoDbFleetQuota.KEY).keyType(KeyType.HASH).build())
			.build()).expiringBy(DynamoDbFleetQuota.TTL_ATTRIBUTE);
	}

	/**
	 * @param table the counters' table
	 */
	@Validated
	@ConfigurationProperties("bulwark.rate-limit.fleet")
	record FleetQuotaProperties(@DefaultValue("bulwark-rate-limits") @NotBlank String table) {
	}

}
