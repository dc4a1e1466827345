package dev.bulwark.support;

import java.util.function.Function;

/**
 * The two ways Bulwark runs, the Lambda function behind either edge, each with a way to reach it from a test.
 */
public enum ApiRuntime {

	/** The Spring Boot app on Tomcat, over HTTP. */
	BOOT(HttpTransport::new),

	/** The Lambda handler, fed API Gateway HTTP API (payload 2.0) events. */
	LAMBDA(baseUrl -> LambdaTransport.httpApi(LocalLambda.handler())),

	/** The same Lambda handler, fed API Gateway REST API (proxy integration) events. */
	LAMBDA_REST_API(baseUrl -> LambdaTransport.restApi(LocalLambda.handler()));

	private final Function<String, Transport> transport;

	ApiRuntime(Function<String, Transport> transport) {
		this.transport = transport;
	}

	Transport transport(String bootBaseUrl) {
		return this.transport.apply(bootBaseUrl);
	}

}
