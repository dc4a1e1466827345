package dev.bulwark.dynamodb;

import java.io.IOException;
import java.io.UncheckedIOException;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client for the SDK whose failures while sending a request are the {@link IOException}s they are. The
 * URL-connection client wraps an I/O failure while it writes the request (a connection reset as it sends) in an
 * {@link UncheckedIOException}, which the SDK's retry stage does not catch: the call then failed at once, where
 * another attempt on a new connection would have carried it. Unwrapped, the SDK retries it as any other I/O failure,
 * within the same limits; a write that did arrive, and is sent again, is recognised by its write id, as after any
 * retry.
 */
final class RetryableSendFailures implements SdkHttpClient {

	private final SdkHttpClient client;

	RetryableSendFailures(SdkHttpClient client) {
		this.client = client;
	}

	@Override
	public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
		ExecutableHttpRequest prepared = this.client.prepareRequest(request);
		return new ExecutableHttpRequest() {

			@Override
			public HttpExecuteResponse call() throws IOException {
				try {
					return prepared.call();
				}
				catch (UncheckedIOException ex) {
					throw ex.getCause();
				}
			}

			@Override
			public void abort() {
				prepared.abort();
			}

		};
	}

	@Override
	public String clientName() {
		return this.client.clientName();
	}

	@Override
	public void close() {
		this.client.close();
	}

}
