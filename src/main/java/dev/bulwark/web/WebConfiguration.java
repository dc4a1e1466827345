package dev.bulwark.web;

import java.util.Objects;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The API's request filters, applied by the security filter chain.
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

	/**
	 * The API's own servlet filters at the front of the security filter chain, in a fixed order: the last-resort
	 * 500 handler first, then the problem body for errors that have none, then the public origin (which also
	 * resolves the client's address), then the body-size limit. Inside the chain, not as separate servlet filters, because the Lambda runtime's servlet emulation
	 * ignores the order (and URL patterns) of registered filters. Spring Security applies this to the chain it
	 * builds ahead of every other module's filters, which may then place theirs relative to these.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	Customizer<HttpSecurity> apiRequestFilters(WebProperties properties, ProblemResponses problems,
			ObjectProvider<PublicOriginResolver> publicOrigins) {
		UnhandledExceptionFilter unhandledExceptions = new UnhandledExceptionFilter(problems);
		ErrorBodyFilter errorBodies = new ErrorBodyFilter(problems);
		PublicOriginFilter publicOrigin = new PublicOriginFilter(publicOrigins.orderedStream().toList(),
				properties.allowedHosts(), new ClientAddresses(properties.trustedProxies()), problems);
		RequestBodyLimitFilter bodyLimit = new RequestBodyLimitFilter(properties.maxRequestBodySize().toBytes(),
				problems);
		// All three just before Spring Security's first filter, in the order they are added.
		return http -> http.addFilterBefore(unhandledExceptions, DisableEncodeUrlFilter.class)
			.addFilterBefore(errorBodies, DisableEncodeUrlFilter.class)
			.addFilterBefore(publicOrigin, DisableEncodeUrlFilter.class)
			.addFilterBefore(bodyLimit, DisableEncodeUrlFilter.class);
	}

}
