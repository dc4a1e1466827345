package dev.bulwark.lambda;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import dev.bulwark.support.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only the Lambda runtime needs stays out of the Boot app: the handler adds it when it starts its context
 * ({@code PublicUrlsIT} and the contract suite's actuator rows prove it is there in Lambda).
 */
class LambdaRuntimeIT extends ApiIntegrationTest {

	@Autowired
	private ApplicationContext bootApp;

	@Test
	void bootAppHasNoLambdaOnlyBeans() {
		assertThat(this.bootApp.getBeansOfType(ApiGatewayOrigins.class)).isEmpty();
		assertThat(this.bootApp.getBeansOfType(RootWebApplicationContext.class)).isEmpty();
		assertThat(this.bootApp.getBeansOfType(LambdaRuntime.class)).isEmpty();
		assertThat(this.bootApp.getBeansOfType(CloudWatchMetrics.class)).isEmpty();
	}

}
