package dev.bulwark.dynamodb;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which DynamoDB to use, and how long and how often it is called before a request gives up. The features' own
 * settings (table names, TTLs) share the prefix but live with the features.
 *
 * @param endpoint a DynamoDB endpoint other than AWS's, e.g. DynamoDB Local; unset in AWS
 * @param region the AWS region; unset means the SDK's default chain ({@code AWS_REGION}, which Lambda sets)
 * @param createTables create missing tables at startup: for local runs only, in AWS the tables are deployed
 * @param timeouts how long one call may take
 * @param maxAttempts attempts per call, the first included; retries back off exponentially with full jitter
 * @param maxConcurrentCalls calls in flight at once from this instance; one more is refused at once, so that a
 * slow DynamoDB ties up at most this many request threads
 * @param outage when DynamoDB counts as failing, and for how long calls are then refused without being tried
 */
@Validated
@ConfigurationProperties("bulwark.dynamodb")
record DynamoDbProperties(@Nullable URI endpoint, @Nullable String region,
		@DefaultValue("false") boolean createTables, @DefaultValue @Valid Timeouts timeouts,
		@DefaultValue("3") @Min(1) @Max(10) int maxAttempts, @DefaultValue("32") @Min(1) int maxConcurrentCalls,
		@DefaultValue @Valid Outage outage) {

	/**
	 * @param connect to open a connection
	 * @param attempt one attempt, from sending the request to reading the whole response
	 * @param call the whole call, retries and their back-off included: the longest a request waits for one call
	 */
	record Timeouts(@DefaultValue("1s") Duration connect, @DefaultValue("1s") Duration attempt,
			@DefaultValue("3s") Duration call) {
	}

	/**
	 * A circuit breaker over every call to DynamoDB: when {@code failureRate} percent or more of the last
	 * {@code window} calls failed for want of DynamoDB (timeouts, connection failures, throttling, server
	 * errors), calls are refused without being tried for {@code openFor}, then a few are let through to probe.
	 * Refused calls answer 503 with {@code Retry-After} of {@code openFor}.
	 * @param failureRate percent of failed calls that opens the breaker
	 * @param window how many of the latest calls are counted; at least half of them must have been made
	 * @param openFor how long calls are refused once the breaker opened
	 */
	record Outage(@DefaultValue("50") @Min(1) @Max(100) int failureRate,
			@DefaultValue("20") @Min(2) int window, @DefaultValue("5s") Duration openFor) {
	}

}
