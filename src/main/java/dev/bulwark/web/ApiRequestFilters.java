package dev.bulwark.web;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.session.DisableEncodeUrlFilter;

/**
 * Puts the API's own servlet filters at the front of the security filter chain, in a fixed order: the last-resort
 * 500 handler first, then the public origin (which also resolves the client's address), then the body-size limit.
 * Inside the chain, not as separate servlet filters, because the Lambda runtime's servlet emulation ignores the
 * order (and URL patterns) of registered filters. A bean that Spring Security applies to the chain it builds, ahead
 * of every other module's filters, which may then place theirs relative to these.
 */
public final class ApiRequestFilters implements Customizer<HttpSecurity> {

	private final UnhandledExceptionFilter unhandledExceptions;

	private final PublicOriginFilter publicOrigin;

	private final RequestBodyLimitFilter bodyLimit;

	ApiRequestFilters(UnhandledExceptionFilter unhandledExceptions, PublicOriginFilter publicOrigin,
			RequestBodyLimitFilter bodyLimit) {
		this.unhandledExceptions = unhandledExceptions;
		this.publicOrigin = publicOrigin;
		this.bodyLimit = bodyLimit;
	}

	@Override
	public void customize(HttpSecurity http) {
		http.addFilterBefore(this.unhandledExceptions, DisableEncodeUrlFilter.class)
			.addFilterAfter(this.publicOrigin, UnhandledExceptionFilter.class)
			.addFilterAfter(this.bodyLimit, PublicOriginFilter.class);
	}

}
