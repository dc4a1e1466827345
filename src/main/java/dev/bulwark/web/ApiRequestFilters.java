package dev.bulwark.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.session.DisableEncodeUrlFilter;

/**
 * Puts the API's own servlet filters at the front of the security filter chain, in a fixed order: the last-resort
 * 500 handler first, then the body-size limit, then the public origin. Inside the chain, not as separate servlet
 * filters, because the Lambda runtime's servlet emulation ignores the order (and URL patterns) of registered
 * filters.
 */
public final class ApiRequestFilters extends AbstractHttpConfigurer<ApiRequestFilters, HttpSecurity> {

	private final UnhandledExceptionFilter unhandledExceptions;

	private final RequestBodyLimitFilter bodyLimit;

	private final PublicOriginFilter publicOrigin;

	ApiRequestFilters(UnhandledExceptionFilter unhandledExceptions, RequestBodyLimitFilter bodyLimit,
			PublicOriginFilter publicOrigin) {
		this.unhandledExceptions = unhandledExceptions;
		this.bodyLimit = bodyLimit;
		this.publicOrigin = publicOrigin;
	}

	@Override
	public void configure(HttpSecurity http) {
		http.addFilterBefore(this.unhandledExceptions, DisableEncodeUrlFilter.class)
			.addFilterAfter(this.bodyLimit, UnhandledExceptionFilter.class)
			.addFilterAfter(this.publicOrigin, RequestBodyLimitFilter.class);
	}

}
