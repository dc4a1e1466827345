package dev.bulwark.ratelimit.dynamodb;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.constraints.Min;
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

import dev.bulwark.dynamodb.DynamoDbFailures;
import dev.bulwark.dynamodb.TableDefinition;
import dev.bulwark.ratelimit.FleetQuota;
import dev.bulwark.ratelimit.RateLimitProperties;
import dev.bulwark.ratelimit.RateLimitProperties.Limit;

/**
 * The fleet-wide quota, off unless {@code bulwark.rate-limit.fleet.enabled=true}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bulwark.rate-limit.fleet.enabled", havingValue = "true")
@EnableConfigurationProperties(FleetQuotaConfiguration.FleetQuotaProperties.class)
class FleetQuotaConfiguration {

	/**
	 * At most one lease per client and policy this instance tracks a limiter for.
	 */
	@Bean
	FleetQuota fleetQuota(DynamoDbClient dynamoDb, FleetQuotaProperties properties, RateLimitProperties limits,
			Clock clock, MeterRegistry meters, DynamoDbFailures failures) {
		return new DynamoDbFleetQuota(dynamoDb, properties, limits.maxTrackedClients(), clock, meters, failures);
	}

	/**
	 * The counters' table, created by local runs; in AWS the template creates it.
	 */
	@Bean
	TableDefinition fleetQuotaTableDefinition(FleetQuotaProperties properties) {
		return TableDefinition.of(counterTable(properties.table())).expiringBy(DynamoDbFleetQuota.TTL_ATTRIBUTE);
	}

	static CreateTableRequest counterTable(String name) {
		return CreateTableRequest.builder()
			.tableName(name)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.attributeDefinitions(AttributeDefinition.builder()
				.attributeName(DynamoDbFleetQuota.KEY)
				.attributeType(ScalarAttributeType.S)
				.build())
			.keySchema(KeySchemaElement.builder().attributeName(DynamoDbFleetQuota.KEY).keyType(KeyType.HASH).build())
			.build();
	}

	/**
	 * Where the fleet counts, and how much of a limit an instance leases at a time. A batch is
	 * {@code limit / batch-divisor}, at least 1 and at most {@code max-batch}: the permits one instance can hold
	 * unused, and so lose to the client when the window ends, stay under {@code 1 / batch-divisor} of the limit
	 * (1 % by default), while a limit of a million a minute costs a write per 10 000 requests. Limits below twice
	 * the divisor are leased one permit at a time: a write per request, and nothing held back from other instances.
	 * The maximum caps what an instance can strand in absolute terms; it is high because a batch should last long
	 * next to a write: every thread of the instance that wants the client's next permit waits for that write.
	 * @param table the counters' table
	 * @param batchDivisor a batch is at most the limit divided by this
	 * @param maxBatch a batch is never larger, however large the limit
	 * @param onOutage what becomes of a request the quota cannot count because its table is unavailable
	 */
	@Validated
	@ConfigurationProperties("bulwark.rate-limit.fleet")
	record FleetQuotaProperties(@DefaultValue("bulwark-rate-limits") @NotBlank String table,
			@DefaultValue("100") @Min(1) int batchDivisor, @DefaultValue("10000") @Min(1) int maxBatch,
			@DefaultValue("allow") OnOutage onOutage) {

		int batch(Limit limit) {
			return Math.max(1, Math.min(this.maxBatch, limit.limit() / this.batchDivisor));
		}

	}

	/**
	 * The direction the fleet quota fails in while its table is unavailable.
	 */
	enum OnOutage {

		/**
		 * The request goes on, limited by the instance's own limiter only: a client spread over many instances
		 * may get more than its limit for the outage's length, and honest callers keep being served. The default,
		 * because the quota protects capacity, not data: every request is still authenticated and authorized.
		 */
		ALLOW,

		/**
		 * The request is refused with a 503 and {@code Retry-After}: nobody gets past the fleet's limit, and
		 * nobody gets served while the table is down.
		 */
		REFUSE

	}

}
