package dev.bulwark.support;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import org.springframework.boot.web.server.servlet.ServletWebServerFactory;
import org.springframework.cloud.function.serverless.web.ServerlessAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.bulwark.lambda.ApiGatewayHandler;

/**
 * The Lambda handler of a test run: the application started the way Lambda starts it, against the same Keycloak
 * and DynamoDB Local as the Boot app, with the test-only failure routes.
 */
public final class LocalLambda {

	private static final ApiGatewayHandler HANDLER = start();

	private LocalLambda() {
	}

	public static ApiGatewayHandler handler() {
		return HANDLER;
	}

	private static ApiGatewayHandler start() {
		LocalInfrastructure.properties().forEach(System::setProperty);
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
