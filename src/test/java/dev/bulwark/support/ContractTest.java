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

}
