package dev.bulwark.dynamodb;

import java.io.IOException;
import java.net.SocketException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures count as DynamoDB being unavailable (a 503 to the client, and against the circuit breaker), and
 * which are answers the caller must handle.
 */
class DynamoDbGuardTests {

	@Test
	void timeoutsAreUnavailability() {
		assertThat(DynamoDbGuard.reason(ApiCallTimeoutException.create(1000))).isEqualTo("timed-out");
		assertThat(DynamoDbGuard.reason(ApiCallAttemptTimeoutException.create(400))).isEqualTo("timed-out");
	}

	@Test
	void connectionFailuresAreUnavailability() {
		assertThat(DynamoDbGuard.reason(SdkClientException.create("Unable to execute HTTP request",
				new IOException("Connection refused")))).isEqualTo("unreachable");
		assertThat(DynamoDbGuard.reason(SdkClientException.create("Unable to execute HTTP request",
				new SocketException("Connection reset by peer")))).isEqualTo("unreachable");
	}

	@Test
	void throttlingIsUnavailability() {
		assertThat(DynamoDbGuard.reason(ProvisionedThroughputExceededException.builder()
			.statusCode(400)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
			.build())).isEqualTo("throttled");
	}

	@Test
	void aTransactionCancelledForThrottlingIsUnavailability() {
		assertThat(DynamoDbGuard.reason(transactionCancelled("None", "ThrottlingError"))).isEqualTo("throttled");
	}

	@Test
	void serverErrorsAreUnavailability() {
		assertThat(DynamoDbGuard.reason(InternalServerErrorException.builder().statusCode(500).build()))
			.isEqualTo("server-error");
	}

	@Test
	void answersAreNotUnavailability() {
		assertThat(DynamoDbGuard.reason(ConditionalCheckFailedException.builder().statusCode(400).build())).isNull();
		assertThat(DynamoDbGuard.reason(transactionCancelled("ConditionalCheckFailed", "TransactionConflict"))).isNull();
		// A missing table is a deployment fault: a 500 and an alarm, not a 503 that tells clients to come back.
		assertThat(DynamoDbGuard.reason(ResourceNotFoundException.builder().statusCode(400).build())).isNull();
		assertThat(DynamoDbGuard.reason(new IllegalStateException("a bug"))).isNull();
	}

	private static TransactionCanceledException transactionCancelled(String... codes) {
		return TransactionCanceledException.builder()
			.statusCode(400)
			.cancellationReasons(Arrays.stream(codes).map(code -> CancellationReason.builder().code(code).build()).toList())
			.build();
	}

}
