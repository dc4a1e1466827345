package dev.bulwark.web;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's request filters, applied by the security filter chain (see {@link ApiRequestFilters}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	@Bean
	ApiRequestFilters apiRequestFilters(WebProperties properties, ProblemResponses problems,
			List<PublicOriginResolver> publicOrigins) {
		return new ApiRequestFilters(new UnhandledExceptionFilter(problems),
				new RequestBodyLimitFilter(properties.maxRequestBodySize().toBytes(), problems),
				new PublicOriginFilter(publicOrigins));
	}

}
