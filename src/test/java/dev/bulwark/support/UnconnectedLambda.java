package dev.bulwark.support;

import java.util.Map;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;

import dev.bulwark.lambda.ApiGatewayHandler;

/**
 * The Lambda handler started with no identity provider and no DynamoDB to reach (both point at a closed port), for
 * tests that need the whole request path but none of its dependencies: whatever they send is answered before a
 * key or a table would be needed (fuzzing the event parsing, say). Started once per JVM, on first use.
 */
public final class UnconnectedLambda {

	/** A port nothing listens on. */
	private static final String NOWHERE = "http://127.0.0.1:9";

	private UnconnectedLambda() {
	}

	public static ApiGatewayHandler handler() {
		return Holder.HANDLER;
	}

	private static final class Holder {

		private static final ApiGatewayHandler HANDLER = start();

		private static ApiGatewayHandler start() {
			Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", NOWHERE + "/realms/" + DevRealm.NAME,
					"bulwark.dynamodb.endpoint", NOWHERE, "bulwark.dynamodb.region", "eu-central-1", "aws.accessKeyId",
					"none", "aws.secretAccessKey", "none")
				.forEach(System::setProperty);
			try {
				return new ApiGatewayHandler(LocalLambda.ServerlessWebServer.class);
			}
			catch (ContainerInitializationException ex) {
				throw new IllegalStateException("The Lambda handler did not start", ex);
			}
		}

	}

}
