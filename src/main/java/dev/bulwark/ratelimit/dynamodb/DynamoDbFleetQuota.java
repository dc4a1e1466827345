package dev.bulwark.ratelimit.dynamodb;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import dev.bulwark.dynamodb.DynamoDbFailures;
import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.FleetQuota;
import dev.bulwark.ratelimit.RateLimitProperties.Limit;
import dev.bulwark.ratelimit.dynamodb.FleetQuotaConfiguration.FleetQuotaProperties;
import dev.bulwark.ratelimit.dynamodb.FleetQuotaConfiguration.OnOutage;
import dev.bulwark.web.DependencyUnavailableException;

/**
 * Counts a client's requests per fixed window (aligned to the epoch, so every instance agrees on it) in one
 * DynamoDB item, leased to instances in batches: an instance whose {@link Lease} is empty adds a batch to the
 * item's counter with one unconditional {@code UpdateItem} and serves that many requests from memory, so a busy
 * client costs a write per batch, not per request.
 * <p>
 * <b>No overshoot.</b> An instance grants only the permits of its batch that the counter numbers within the limit,
 * so the fleet as a whole never lets more than the limit through in a window. <b>The price is under-delivery:</b>
 * permits an instance leased but did not use by the end of the window are lost to the client, at most
 * {@code batch - 1} per instance holding a lease, so a client spread over several instances may be refused a
 * little before its limit. The batch size ({@link FleetQuotaProperties#batch}) is a share of the limit so that
 * this loss stays a small share of the limit too, and small limits are leased one permit at a time, exactly as
 * before. A lease is never used beyond its window (the window is part of its key) and is forgotten when the window
 * ends; a lease crowded out of the bound ({@code maxLeases}) is forgotten with its unused permits, which costs the
 * client, never the limit.
 * <p>
 * Items expire by TTL a window after theirs ends.
 * <p>
 * <b>When the table is unavailable</b> (DynamoDB down, slow or throttling: see {@link DynamoDbFailures}), the quota
 * fails in the configured direction ({@link OnOutage}): by default the request goes on under the instance's own
 * limit, which has already let it through; or it is refused with a 503. Either way
 * {@code bulwark.ratelimit.fleet.unavailable} counts it.
 */
class DynamoDbFleetQuota implements FleetQuota {

	static final String KEY = "window";

	static final String TTL_ATTRIBUTE = "expiresAt";

	private final DynamoDbClient dynamoDb;

	private final FleetQuotaProperties properties;

	private final Clock clock;

	private final Cache<String, Lease> leases;

	private final Map<OnOutage, Counter> outages;

	private final DynamoDbFailures failures;

	DynamoDbFleetQuota(DynamoDbClient dynamoDb, FleetQuotaProperties properties, int maxLeases, Clock clock,
			MeterRegistry meters, DynamoDbFailures failures) {
		this.dynamoDb = dynamoDb;
		this.failures = failures;
		this.properties = properties;
		this.clock = clock;
		this.outages = new EnumMap<>(OnOutage.class);
		for (OnOutage direction : OnOutage.values()) {
			this.outages.put(direction, Counter.builder("bulwark.ratelimit.fleet.unavailable")
				.description("Requests the fleet quota could not count because its table was unavailable")
				.tag("on-outage", direction.name().toLowerCase(Locale.ROOT))
				.register(meters));
		}
		this.leases = Caffeine.newBuilder()
			.maximumSize(maxLeases)
			.expireAfter(Expiry.<String, Lease>creating(
					(item, lease) -> Duration.ofMillis(Math.max(0, lease.windowEnd() - clock.millis()))))
			.executor(Runnable::run)
			.build();
	}

	@Override
	public Decision acquire(String client, String policy, Limit limit) {
		long now = this.clock.millis();
		long period = limit.period().toMillis();
		long windowStart = now - Math.floorMod(now, period);
		long windowEnd = windowStart + period;
		long secondsToReset = Math.max(1, (windowEnd - now + 999) / 1000);
		String item = policy + "\n" + client + "\n" + windowStart;
		Lease lease = this.leases.get(item,
				key -> new Lease(limit.limit(), this.properties.batch(limit), windowEnd));
		try {
			boolean allowed = lease.acquire(batch -> leaseBatch(item, batch, (windowEnd + period) / 1000));
			return new Decision(allowed, policy, limit, lease.remaining(), secondsToReset);
		}
		catch (RuntimeException ex) {
			DependencyUnavailableException unavailable = this.failures.unavailable(ex);
			if (unavailable == null) {
				throw ex;
			}
			this.outages.get(this.properties.onOutage()).increment();
			if (this.properties.onOutage() == OnOutage.REFUSE) {
				throw unavailable;
			}
			// The instance's own limiter has let the request through; it is all that limits the client now.
			return new Decision(true, policy, limit, limit.limit(), secondsToReset);
		}
	}

	/**
	 * Adds a batch to the window's counter, unconditionally: the count it returns says which of the batch's permits
	 * are within the limit, also when none are, so the write that finds the limit reached needs no second one.
	 */
	private long leaseBatch(String item, int batch, long expiresAt) {
		return Long.parseLong(this.dynamoDb.updateItem(update -> update.tableName(this.properties.table())
			.key(Map.of(KEY, AttributeValue.fromS(item)))
			.updateExpression("ADD requests :batch SET expiresAt = if_not_exists(expiresAt, :expires)")
			.expressionAttributeValues(Map.of(":batch", AttributeValue.fromN(Integer.toString(batch)), ":expires",
					AttributeValue.fromN(Long.toString(expiresAt))))
			.returnValues(ReturnValue.UPDATED_NEW)).attributes().get("requests").n());
	}

}
