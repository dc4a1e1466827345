package dev.bulwark.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local, the real DynamoDB engine that AWS ships for development, started in this JVM with an
 * in-memory store and served over HTTP on a free port, so the application talks to it exactly as it talks to
 * DynamoDB in AWS.
 */
public final class LocalDynamoDb {

	private static final LocalDynamoDb SHARED = start();

	private final String endpoint;

	private LocalDynamoDb(String endpoint) {
		this.endpoint = endpoint;
	}

	public static LocalDynamoDb shared() {
		return SHARED;
	}

	public String endpoint() {
		return this.endpoint;
	}

	private static LocalDynamoDb start() {
		try {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			DynamoDBProxyServer server = ServerRunner
				.createServerFromCommandLineArgs(new String[] { "-inMemory", "-disableTelemetry", "-port", Integer.toString(port) });
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					server.stop();
				}
				catch (Exception ex) {
					// The JVM is exiting; nothing is left to clean up.
				}
			}, "dynamodb-local-stop"));
			return new LocalDynamoDb("http://localhost:" + port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("DynamoDB Local did not start", ex);
		}
	}

}
