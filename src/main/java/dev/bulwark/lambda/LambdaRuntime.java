package dev.bulwark.lambda;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.context.WebApplicationContext;

import dev.bulwark.ratelimit.FleetQuota;
import dev.bulwark.security.PrimingTokens;
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
	static BeanPostProcessor fleetQuotaOutsidePriming(ObjectProvider<PrimingTokens> priming) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				return (bean instanceof FleetQuota quota) ? new FleetQuotaOutsidePriming(quota, priming.getObject())
						: bean;
			}
		};
	}

	@Bean
	SmartInitializingSingleton primingTokensForTheHandler(PrimingTokens tokens) {
		return () -> ApiGatewayHandler.primeWith(tokens);
	}

	@Bean
	RootWebApplicationContext rootWebApplicationContext(WebApplicationContext context) {
		return new RootWebApplicationContext(context);
	}

}
