package dev.bulwark.dynamodb;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A request whose sending failed is tried again by the SDK, as the URL-connection client alone would not have it.
 * The HTTP client here fails its first send as the URL-connection client does on a connection reset while it
 * writes, then answers.
 */
class RetryableSendFailuresTests {

	@Test
	void theSdkTriesACallAgainWhoseSendFailed() {
		FailingFirstSend http = new FailingFirstSend();

		try (DynamoDbClient dynamoDb = client(new RetryableSendFailures(http))) {
			GetItemResponse read = dynamoDb.getItem(get -> get.tableName("orders").key(Map.of()));

			assertThat(read.hasItem()).isFalse();
			assertThat(http.sends.get()).isEqualTo(2);
		}
	}

	@Test
	void withoutItTheSdkGivesUpAtTheFirstFailedSend() {
		FailingFirstSend http = new FailingFirstSend();

		try (DynamoDbClient dynamoDb = client(http)) {
			assertThatExceptionOfType(UncheckedIOException.class)
				.isThrownBy(() -> dynamoDb.getItem(get -> get.tableName("orders").key(Map.of())));
			assertThat(http.sends.get()).isEqualTo(1);
		}
	}

	private static DynamoDbClient client(SdkHttpClient http) {
		return DynamoDbClient.builder()
			.httpClient(http)
			.endpointOverride(URI.create("http://localhost:1"))
			.region(Region.EU_CENTRAL_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.build();
	}

	private static final class FailingFirstSend implements SdkHttpClient {

		private final AtomicInteger sends = new AtomicInteger();

		@Override
		public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
			return new ExecutableHttpRequest() {

				@Override
				public HttpExecuteResponse call() {
					if (FailingFirstSend.this.sends.incrementAndGet() == 1) {
						throw new UncheckedIOException(new SocketException("Connection reset"));
					}
					return HttpExecuteResponse.builder()
						.response(SdkHttpResponse.builder()
							.statusCode(200)
							.putHeader("Content-Type", "application/x-amz-json-1.0")
							.build())
						.responseBody(AbortableInputStream.create(
								new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))))
						.build();
				}

				@Override
				public void abort() {
				}

			};
		}

		@Override
		public String clientName() {
			return "failing-first-send";
		}

		@Override
		public void close() {
		}

	}

}
