package dev.bulwark.ratelimit.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import dev.bulwark.dynamodb.DynamoDbFailures;
import dev.bulwark.ratelimit.Decision;
import dev.bulwark.ratelimit.RateLimitProperties.Limit;
import dev.bulwark.ratelimit.dynamodb.FleetQuotaConfiguration.FleetQuotaProperties;
import dev.bulwark.ratelimit.dynamodb.FleetQuotaConfiguration.OnOutage;
import dev.bulwark.support.Concurrently;
import dev.bulwark.support.LocalDynamoDb;
import dev.bulwark.support.MutableClock;
import dev.bulwark.web.DependencyUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Several fleet quotas on one table of DynamoDB Local, each with a client of its own that counts its writes: so
 * many instances of a fleet, leasing one client's allowance in batches. The clock is the test's, so a window turns
 * when the test says.
 */
class FleetLeasesIT {

	private static final String TABLE = "fleet-leases-" + UUID.randomUUID();

	private static final DynamoDbFailures FAILURES = new DynamoDbFailures(Duration.ofSeconds(5));

	private static final FleetQuotaProperties HUNDREDTHS = new FleetQuotaProperties(TABLE, 100, 1000, OnOutage.ALLOW);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:10Z"));

	private final String client = UUID.randomUUID().toString();

	@BeforeAll
	static void createTable() {
		try (DynamoDbClient dynamoDb = dynamoDb(new AtomicInteger())) {
			dynamoDb.createTable(FleetQuotaConfiguration.counterTable(TABLE));
			dynamoDb.waiter().waitUntilTableExists(table -> table.tableName(TABLE));
		}
	}

	@Test
	void instancesUnderConcurrentLoadGrantExactlyTheLimitWhenBatchesDoNotDivideIt() throws Exception {
		// Given three instances leasing 142 at a time (1000 / 7) of a limit of 1000
		Limit limit = perMinute(1000);
		FleetQuotaProperties sevenths = new FleetQuotaProperties(TABLE, 7, 1000, OnOutage.ALLOW);
		List<Instance> instances = List.of(instance(sevenths), instance(sevenths), instance(sevenths));
		AtomicInteger threads = new AtomicInteger();

		// When twelve threads, four on each, ask for permits until refused
		List<Integer> granted = Concurrently.run(12, () -> {
			Instance instance = instances.get(threads.getAndIncrement() % instances.size());
			int allowed = 0;
			while (instance.acquire(this.client, limit).allowed()) {
				allowed++;
			}
			return allowed;
		});

		// Then the fleet gave out the limit, not one more, and no instance kept any of it
		assertThat(granted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
		// 8 batches hold the limit; each instance may write once more to learn that it is used up.
		assertThat(instances.stream().mapToInt(Instance::writes).sum()).isBetween(8, 8 + instances.size());
	}

	@Test
	void honestTrafficAcrossInstancesGetsItsWholeLimitWhenBatchesDivideIt() {
		Limit limit = perMinute(600);
		Instance first = instance(new FleetQuotaProperties(TABLE, 10, 1000, OnOutage.ALLOW));
		Instance second = instance(new FleetQuotaProperties(TABLE, 10, 1000, OnOutage.ALLOW));

		List<Boolean> allowed = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			allowed.add(first.acquire(this.client, limit).allowed());
			allowed.add(second.acquire(this.client, limit).allowed());
		}

		assertThat(allowed).hasSize(600).containsOnly(true);
		assertThat(first.acquire(this.client, limit).allowed()).isFalse();
		assertThat(second.acquire(this.client, limit).allowed()).isFalse();
		assertThat(first.writes() + second.writes()).as("10 batches of 60, and at most one write each to learn the end")
			.isBetween(10, 12);
	}

	@Test
	void aSmallLimitIsNotTakenWholeByOneInstance() {
		Limit limit = perMinute(10);
		Instance first = instance(HUNDREDTHS);
		Instance second = instance(HUNDREDTHS);

		assertThat(first.acquire(this.client, limit).allowed()).isTrue();
		List<Decision> decisions = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			decisions.add(second.acquire(this.client, limit));
		}

		assertThat(decisions).extracting(Decision::allowed)
			.containsExactly(true, true, true, true, true, true, true, true, true, false);
		assertThat(decisions).extracting(Decision::remaining).containsExactly(8, 7, 6, 5, 4, 3, 2, 1, 0, 0);
		assertThat(first.acquire(this.client, limit).allowed()).isFalse();
	}

	@Test
	void aNewWindowGrantsAgainAndLeftoversOfThePastWindowAreNeverUsed() {
		// Given a limit of 10 leased 5 at a time, with 4 left unused on the first instance when the window ends
		Limit limit = perMinute(10);
		FleetQuotaProperties halves = new FleetQuotaProperties(TABLE, 2, 1000, OnOutage.ALLOW);
		Instance first = instance(halves);
		Instance second = instance(halves);
		assertThat(first.acquire(this.client, limit).allowed()).isTrue();
		assertThat(allowedUntilRefused(second, limit)).isEqualTo(5);
		assertThat(first.writes()).isEqualTo(1);

		// When the next window starts
		this.clock.advance(Duration.ofMinutes(1));

		// Then the first instance leases anew, and the fleet grants the whole limit again, not a permit more
		assertThat(first.acquire(this.client, limit).allowed()).isTrue();
		assertThat(first.writes()).isEqualTo(2);
		assertThat(1 + allowedUntilRefused(second, limit) + allowedUntilRefused(first, limit)).isEqualTo(10);
	}

	@Test
	void writesArePerBatchNotPerRequest() throws Exception {
		Limit limit = perMinute(1_000_000);
		Instance instance = instance(HUNDREDTHS);

		List<Integer> granted = Concurrently.run(4, () -> {
			int allowed = 0;
			for (int i = 0; i < 1250; i++) {
				allowed += instance.acquire(this.client, limit).allowed() ? 1 : 0;
			}
			return allowed;
		});

		assertThat(granted).containsOnly(1250);
		assertThat(instance.writes()).as("5000 requests in batches of 1000").isEqualTo(5);
	}

	@Test
	void aFailingTableFailsTheRequestRatherThanRefusingIt() {
		Instance instance = instance(new FleetQuotaProperties("no-such-table", 100, 1000, OnOutage.ALLOW));

		assertThatExceptionOfType(DynamoDbException.class)
			.isThrownBy(() -> instance.acquire(this.client, perMinute(10)));
	}

	@Test
	void anUnavailableTableLeavesTheRequestToTheInstancesOwnLimitByDefault() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		DynamoDbFleetQuota quota = new DynamoDbFleetQuota(unavailableDynamoDb(),
				new FleetQuotaProperties(TABLE, 100, 1000, OnOutage.ALLOW), 1_000, this.clock, meters, FAILURES);

		Decision decision = quota.acquire(this.client, "test", perMinute(10));

		assertThat(decision.allowed()).isTrue();
		assertThat(decision.remaining()).as("leaves the instance's own count to tell").isEqualTo(10);
		assertThat(meters.counter("bulwark.ratelimit.fleet.unavailable", "on-outage", "allow").count()).isEqualTo(1);
	}

	@Test
	void anUnavailableTableRefusesTheRequestWhenConfiguredTo() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		DynamoDbFleetQuota quota = new DynamoDbFleetQuota(unavailableDynamoDb(),
				new FleetQuotaProperties(TABLE, 100, 1000, OnOutage.REFUSE), 1_000, this.clock, meters, FAILURES);

		assertThatExceptionOfType(DependencyUnavailableException.class)
			.isThrownBy(() -> quota.acquire(this.client, "test", perMinute(10)));
		assertThat(meters.counter("bulwark.ratelimit.fleet.unavailable", "on-outage", "refuse").count()).isEqualTo(1);
	}

	private int allowedUntilRefused(Instance instance, Limit limit) {
		int allowed = 0;
		while (instance.acquire(this.client, limit).allowed()) {
			allowed++;
		}
		return allowed;
	}

	private Instance instance(FleetQuotaProperties properties) {
		AtomicInteger writes = new AtomicInteger();
		return new Instance(new DynamoDbFleetQuota(dynamoDb(writes), properties, 1_000, this.clock, new SimpleMeterRegistry(), FAILURES), writes);
	}

	/**
	 * A client whose every call is refused the way the application's DynamoDB guard refuses calls during an
	 * outage (its own tests prove when it does).
	 */
	private static DynamoDbClient unavailableDynamoDb() {
		return dynamoDb(new ExecutionInterceptor() {
			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				throw new DependencyUnavailableException("dynamodb", "circuit-open", Duration.ofSeconds(5),
						null);
			}
		});
	}

	private static Limit perMinute(int limit) {
		return new Limit(limit, Duration.ofMinutes(1));
	}

	private static DynamoDbClient dynamoDb(AtomicInteger writes) {
		return dynamoDb(new ExecutionInterceptor() {
			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if (context.request() instanceof UpdateItemRequest) {
					writes.incrementAndGet();
				}
			}
		});
	}

	private static DynamoDbClient dynamoDb(ExecutionInterceptor interceptor) {
		return DynamoDbClient.builder()
			.httpClient(UrlConnectionHttpClient.create())
			.endpointOverride(URI.create(LocalDynamoDb.shared().endpoint()))
			.region(Region.EU_CENTRAL_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.overrideConfiguration(override -> override.addExecutionInterceptor(interceptor))
			.build();
	}

	private record Instance(DynamoDbFleetQuota quota, AtomicInteger writeCount) {

		Decision acquire(String client, Limit limit) {
			return this.quota.acquire(client, "test", limit);
		}

		int writes() {
			return this.writeCount.get();
		}

	}

}
