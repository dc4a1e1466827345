package dev.bulwark.security.dynamodb;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;
import org.springframework.security.oauth2.jwt.DPoPProofReplayValidator.CacheValue;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import dev.bulwark.dynamodb.DynamoDbFailures;
import dev.bulwark.web.DependencyUnavailableException;

/**
 * The DPoP proofs the fleet has taken, as Spring Security's replay check stores them: an item per proof, keyed by
 * the SHA-256 of its {@code jti}, written only if no live item has that key. DynamoDB serializes conditional
 * writes to one item, so of two instances taking the same proof at once, exactly one succeeds.
 * <p>
 * Each write carries an id of its own: when the SDK retries a write whose answer was lost, the retry finds the item
 * the first attempt wrote, and its own id there tells that this is no replay, so an honest client's proof is not
 * refused for a network fault.
 * <p>
 * An item expires (TTL) when its proof would be too old to take anyway. DynamoDB deletes expired items within days,
 * not at once, so the condition treats an expired item as absent: a {@code jti} may come back after its window.
 * <p>
 * When the table cannot be written (DynamoDB down, slow or throttling), nobody can tell whether a proof was used
 * before: the request is refused with a 503 to retry after, never taken unchecked.
 */
final class DynamoDbUsedProofs implements Cache {

	static final String KEY = "proof";

	static final String TTL_ATTRIBUTE = "expiresAt";

	private static final String JKT_ATTRIBUTE = "jkt";

	private static final String WRITE_ATTRIBUTE = "write";

	private static final String CONDITION = "attribute_not_exists(#key) OR #expiresAt < :now";

	private final DynamoDbClient dynamoDb;

	private final String table;

	private final Clock clock;

	private final DynamoDbFailures failures;

	DynamoDbUsedProofs(DynamoDbClient dynamoDb, String table, Clock clock, DynamoDbFailures failures) {
		this.dynamoDb = dynamoDb;
		this.table = table;
		this.clock = clock;
		this.failures = failures;
	}

	/**
	 * Records the proof as used.
	 * @return {@code null} if it was not used before, anything else if it was
	 */
	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		CacheValue proof = (CacheValue) value;
		if (proof == null) {
			throw new IllegalArgumentException("A used proof needs its expiry");
		}
		// TTL is in whole seconds: rounded up, so the item never expires before the proof could still be taken.
		long expiresAt = proof.getExpiresAt().getEpochSecond() + 1;
		AttributeValue write = AttributeValue.fromS(UUID.randomUUID().toString());
		try {
			this.dynamoDb.putItem(put -> put.tableName(this.table)
				.item(Map.of(KEY, AttributeValue.fromS((String) key), TTL_ATTRIBUTE,
						AttributeValue.fromN(Long.toString(expiresAt)), JKT_ATTRIBUTE,
						AttributeValue.fromS(proof.getJwkThumbprint()), WRITE_ATTRIBUTE, write))
				.conditionExpression(CONDITION)
				.expressionAttributeNames(Map.of("#key", KEY, "#expiresAt", TTL_ATTRIBUTE))
				.expressionAttributeValues(
						Map.of(":now", AttributeValue.fromN(Long.toString(this.clock.instant().getEpochSecond()))))
				.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
			return null;
		}
		catch (ConditionalCheckFailedException used) {
			return write.equals(used.item().get(WRITE_ATTRIBUTE)) ? null : new SimpleValueWrapper(value);
		}
		catch (RuntimeException ex) {
			DependencyUnavailableException unavailable = this.failures.unavailable(ex);
			throw (unavailable != null) ? unavailable : ex;
		}
	}

	@Override
	public String getName() {
		return this.table;
	}

	@Override
	public Object getNativeCache() {
		return this.dynamoDb;
	}

	/**
	 * Never asked for: a used proof is written once and never read back.
	 */
	@Override
	public @Nullable ValueWrapper get(Object key) {
		throw writeOnly();
	}

	@Override
	public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
		throw writeOnly();
	}

	@Override
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		throw writeOnly();
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		throw writeOnly();
	}

	@Override
	public void evict(Object key) {
		throw writeOnly();
	}

	@Override
	public void clear() {
		throw writeOnly();
	}

	private static UnsupportedOperationException writeOnly() {
		return new UnsupportedOperationException("Used proofs are only ever recorded (putIfAbsent)");
	}

}
