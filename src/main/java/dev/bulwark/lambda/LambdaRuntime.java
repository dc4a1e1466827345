package dev.bulwark.lambda;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.context.WebApplicationContext;

import dev.bulwark.web.PublicOriginResolver;

/**
 * What only the Lambda runtime's application context needs, added to it by {@link ApiGatewayHandler} when it starts
 * the context. Deliberately not a {@code @Configuration}: component scanning must not find it, so that the Boot app
 * never has these beans.
 */
@EnableConfigurationProperties(CloudWatchProperties.class)
class LambdaRuntime {

	@Bean
	PublicOriginResolver apiGatewayOrigins() {
		return new ApiGatewayOrigins();
	}

	@Bean
	CloudWatchMetrics cloudWatchMetrics(CloudWatchProperties properties) {
		return new CloudWatchMetrics(properties);
	}

	@Bean
	RootWebApplicationContext rootWebApplicationContext(WebApplicationContext context) {
		return new RootWebApplicationContext(context);
	}

}
