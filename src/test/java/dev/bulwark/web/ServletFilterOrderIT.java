package dev.bulwark.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializerBeans;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.web.FilterChainProxy;

import dev.bulwark.support.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The servlet filters that run before the security chain (and so before token verification and the body-size
 * limit inside it) are ones known never to read a request body. A filter added in front, by us or by a starter,
 * fails this test until someone has checked what it reads: Spring's form-content filter, on by default, read
 * whole form bodies there.
 */
class ServletFilterOrderIT extends ApiIntegrationTest {

	// failingFilter is the test run's fault injection (FaultInjection): it looks at the path only.
	private static final List<String> NEVER_READ_A_BODY = List.of("characterEncodingFilter",
			"webMvcObservationFilter", "requestContextFilter", "failingFilter");

	@Autowired
	private ConfigurableApplicationContext context;

	@Test
	void onlyFiltersThatNeverReadABodyRunBeforeTheSecurityChain() {
		List<String> filters = new ServletContextInitializerBeans(this.context.getBeanFactory()).stream()
			.filter(AbstractFilterRegistrationBean.class::isInstance)
			.map(registration -> ((AbstractFilterRegistrationBean<?>) registration).getFilterName())
			.toList();

		assertThat(filters).contains("springSecurityFilterChain");
		assertThat(filters.subList(0, filters.indexOf("springSecurityFilterChain")))
			.isSubsetOf(NEVER_READ_A_BODY);
	}

	/**
	 * Inside the chain the order is fixed too: the audit sees every answer, the last-resort 500 included; every
	 * error inside gets its problem body; the client address is known before anything refuses; the body limit
	 * comes before anything that reads a body.
	 */
	@Test
	void securityChainStartsWithTheAuditTheLastResortHandlerErrorBodiesThePublicOriginAndTheBodyLimit() {
		List<String> filters = this.context.getBean(FilterChainProxy.class)
			.getFilterChains()
			.get(0)
			.getFilters()
			.stream()
			.map(filter -> filter.getClass().getSimpleName())
			.toList();

		assertThat(filters).startsWith("RequestAuditFilter", "UnhandledExceptionFilter", "ErrorBodyFilter",
				"PublicOriginFilter", "RequestBodyLimitFilter");
		// Failed authentications of either scheme are counted, and a flood refused, before any token is verified.
		assertThat(filters.indexOf("UnauthenticatedRateLimitFilter") + 1)
			.isEqualTo(filters.indexOf("DPoPAuthenticationFilter"));
		assertThat(filters.indexOf("DPoPAuthenticationFilter") + 1)
			.isEqualTo(filters.indexOf("BearerTokenAuthenticationFilter"));
		assertThat(filters.indexOf("ClientRateLimitFilter") - 1)
			.isEqualTo(filters.indexOf("BearerTokenAuthenticationFilter"));
		// The step-up check comes after the URL rules, so that a missing role is a 403, never a step-up challenge.
		assertThat(filters).endsWith("AuthorizationFilter", "StepUpFilter");
	}

}
