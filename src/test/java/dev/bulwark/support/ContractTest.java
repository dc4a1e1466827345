package dev.bulwark.support;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Base of the API contract: every test of a subclass runs three times, against the Boot app over HTTP and against
 * the Lambda handler with API Gateway HTTP API and REST API events, and must pass unchanged in each. Every response is also held to the
 * OpenAPI document ({@link OpenApiContract}).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(ApiRuntime.class)
public abstract class ContractTest extends ApiIntegrationTest {

	@Parameter
	protected ApiRuntime runtime;

	@Override
	protected Transport transport() {
		return OpenApiContract.shared().checking(this.runtime.transport(bootBaseUrl()));
	}

	/**
	 * The URL a client calls for {@code path} in this runtime: the Boot app's own, or API Gateway's public one
	 * (with the REST API's stage).
	 */
	protected String publicUrl(String path) {
		return switch (this.runtime) {
			case BOOT -> bootBaseUrl() + path;
			case LAMBDA -> "https://" + ApiGatewayEvent.DOMAIN + path;
			case LAMBDA_REST_API -> "https://" + ApiGatewayEvent.DOMAIN + "/" + ApiGatewayEvent.REST_API_STAGE + path;
		};
	}

}
