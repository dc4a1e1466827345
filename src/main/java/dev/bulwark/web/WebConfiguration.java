package dev.bulwark.web;

import java.util.Objects;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The API's request filters, applied by the security filter chain (see {@link ApiRequestFilters}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	/**
	 * The configured public origin, if any; consulted after runtime-specific resolvers (API Gateway's), which
	 * know better.
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	@ConditionalOnProperty("bulwark.web.public-host")
	PublicOriginResolver configuredPublicOrigin(WebProperties properties) {
		return request -> Optional.of(new PublicOrigin(Objects.requireNonNull(properties.publicHost()),
				properties.publicPathPrefix(), request.getRemoteAddr()));
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	ApiRequestFilters apiRequestFilters(WebProperties properties, ProblemResponses problems,
			ObjectProvider<PublicOriginResolver> publicOrigins) {
		return new ApiRequestFilters(new UnhandledExceptionFilter(problems),
				new PublicOriginFilter(publicOrigins.orderedStream().toList(), properties.allowedHosts(),
						new ClientAddresses(properties.trustedProxies()), problems),
				new RequestBodyLimitFilter(properties.maxRequestBodySize().toBytes(), problems));
	}

}
