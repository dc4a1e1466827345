package dev.bulwark.support;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;
import org.springframework.cloud.function.serverless.web.ServerlessAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.bulwark.BulwarkApplication;
import dev.bulwark.lambda.ApiGatewayHandler;
import dev.bulwark.lambda.OrderExpiryHandler;

/**
 * The Lambda handler of a test run: the application started the way Lambda starts it, against the same Keycloak
 * and DynamoDB Local as the Boot app, with the test-only failure routes.
 */
public final class LocalLambda {

	private static final ApiGatewayHandler HANDLER = start();

	private static final OrderExpiryHandler EXPIRY_HANDLER = startExpiry();

	private LocalLambda() {
	}

	public static ApiGatewayHandler handler() {
		return HANDLER;
	}

	/**
	 * The scheduled expiry function, started as Lambda starts it: by {@code FunctionInvoker}, from
	 * {@code MAIN_CLASS}, without a web server.
	 */
	public static OrderExpiryHandler expiryHandler() {
		return EXPIRY_HANDLER;
	}

	private static OrderExpiryHandler startExpiry() {
		LocalInfrastructure.applyAsSystemProperties();
		TestRateLimits.applyAsSystemProperties();
		System.setProperty("MAIN_CLASS", BulwarkApplication.class.getName());
		return new OrderExpiryHandler();
	}

	private static ApiGatewayHandler start() {
		LocalInfrastructure.applyAsSystemProperties();
		TestRateLimits.applyAsSystemProperties();
		try {
			return new ApiGatewayHandler(ServerlessWebServer.class, FaultInjection.class);
		}
		catch (ContainerInitializationException ex) {
			throw new IllegalStateException("The Lambda handler did not start", ex);
		}
	}

	/**
	 * Tomcat is on the test class path (the Boot app needs it) but must not serve the Lambda runtime's context,
	 * which the packaged Lambda artifact ensures by leaving Tomcat out.
	 */
	static class ServerlessWebServer {

		@Bean
		static ServletWebServerFactory servletWebServerFactory() {
			return new ServerlessAutoConfiguration.ServerlessServletWebServerFactory();
		}

	}

}
