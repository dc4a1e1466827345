package dev.bulwark.support;

import java.util.HashMap;
import java.util.Map;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import org.jspecify.annotations.Nullable;
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

	private static final ApiGatewayHandler HANDLER = startWith(Map.of());

	private static final Map<Instance, ApiGatewayHandler> RECONFIGURED = new HashMap<>();

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

	/**
	 * A Lambda handler started as {@link #handler()} is, with {@code settings} on top (another DynamoDB endpoint,
	 * say): one per distinct settings, started when first asked for.
	 */
	public static ApiGatewayHandler handlerWith(Map<String, String> settings) {
		return handlerWith(settings, "");
	}

	/**
	 * Like {@link #handlerWith(Map)}, one per distinct settings and instance name: for tests that need two
	 * instances alike, none of which starts where the other left off (with its circuit open, say).
	 */
	public static synchronized ApiGatewayHandler handlerWith(Map<String, String> settings, String instance) {
		return RECONFIGURED.computeIfAbsent(new Instance(Map.copyOf(settings), instance),
				key -> startWith(key.settings()));
	}

	private record Instance(Map<String, String> settings, String name) {
	}

	/**
	 * The settings are system properties only until the application has started.
	 */
	private static ApiGatewayHandler startWith(Map<String, String> settings) {
		LocalInfrastructure.applyAsSystemProperties();
		TestRateLimits.applyAsSystemProperties();
		Map<String, @Nullable String> previous = new HashMap<>();
		settings.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
		try {
			ApiGatewayHandler handler = new ApiGatewayHandler(ServerlessWebServer.class, FaultInjection.class);
			// The application starts in the background: it must have read the settings before they go.
			LambdaTransport.httpApi(handler).send("GET", "/actuator/health", Map.of(), null, false, "127.0.0.1");
			return handler;
		}
		catch (ContainerInitializationException ex) {
			throw new IllegalStateException("The Lambda handler did not start", ex);
		}
		finally {
			previous.forEach((name, value) -> {
				if (value == null) {
					System.clearProperty(name);
				}
				else {
					System.setProperty(name, value);
				}
			});
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
