package dev.bulwark.ratelimit.dynamodb;

import java.time.Clock;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.FleetQuota;
import dev.bulwark.ratelimit.RateLimitProperties.Limit;

/**
 * Counts a client's requests per fixed window (aligned to the epoch, so every instance agrees on it) in one
 * DynamoDB item, with one conditional {@code UpdateItem}: the count goes up only while it is below the limit, so
 * concurrent instances can never let more through than the limit. Items expire by TTL a window after theirs ends.
 * One write per authenticated request is the price: about a write capacity unit and a few milliseconds.
 */
class DynamoDbFleetQuota implements FleetQuota {

	static final String KEY = "window";

	static final String TTL_ATTRIBUTE = "expiresAt";

	private final DynamoDbClient dynamoDb;

	private final String table;

	private final Clock clock;

	DynamoDbFleetQuota(DynamoDbClient dynamoDb, String table, Clock clock) {
		this.dynamoDb = dynamoDb;
		this.table = table;
		this.clock = clock;
	}

	@Override
	public Decision acquire(String client, String policy, Limit limit) {
		long now = this.clock.millis();
		long period = limit.period().toMillis();
		long windowStart = now - Math.floorMod(now, period);
		long secondsToReset = Math.max(1, (windowStart + period - now + 999) / 1000);
		try {
			UpdateItemResponse counted = this.dynamoDb.updateItem(update -> update.tableName(this.table)
				.key(Map.of(KEY, AttributeValue.fromS(policy + "\n" + client + "\n" + windowStart)))
				.updateExpression("ADD requests :one SET expiresAt = if_not_exists(expiresAt, :expires)")
				.conditionExpression("attribute_not_exists(requests) OR requests < :limit")
				.expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":limit",
						AttributeValue.fromN(Integer.toString(limit.limit())), ":expires",
						AttributeValue.fromN(Long.toString((windowStart + 2 * period) / 1000))))
				.returnValues(ReturnValue.UPDATED_NEW));
			int used = Integer.parseInt(counted.attributes().get("requests").n());
			return new Decision(true, policy, limit, Math.max(0, limit.limit() - used), secondsToReset);
		}
		catch (ConditionalCheckFailedException overQuota) {
			return new Decision(false, policy, limit, 0, secondsToReset);
		}
	}

}
