package dev.bulwark.security;

import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import dev.bulwark.support.RouteMatrix;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The URL rules of {@link SecurityConfiguration} alone, with no method security behind them: every route answers
 * 200 from a stub handler that checks nothing, so each refusal here is the URL layer's own. Deleting or loosening
 * any rule fails a row. ({@code FunctionMethodSecurityIT} proves the other layer alone.)
 */
@WebMvcTest(includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = { "dev\\.bulwark\\.security\\.(SecurityConfiguration|SecurityProblems)",
				"dev\\.bulwark\\.security\\.(ApiSecurityProperties|StepUpProperties|MethodSecurityConfiguration)",
				"dev\\.bulwark\\.web\\..*" }))
@Import(UrlRulesTests.StubRoutes.class)
@TestPropertySource(properties = "spring.security.oauth2.resourceserver.jwt.issuer-uri=https://issuer.invalid/realms/test")
class UrlRulesTests {

	private static final String ANONYMOUS = "anonymous";

	private static final String NO_ROLE = "no API role";

	@Autowired
	private MockMvc mvc;

	static Stream<Arguments> matrix() {
		return RouteMatrix
			.callers(ANONYMOUS, NO_ROLE, Roles.CUSTOMER, Roles.FULFILLMENT, Roles.ADMIN, Roles.ORDERS_READ,
					Roles.METRICS)
			.row("POST /orders", 401, 403, 200, 403, 403, 403, 403)
			.row("GET /orders", 401, 403, 200, 200, 200, 200, 403)
			.row("GET /orders/{id}", 401, 403, 200, 200, 200, 200, 403)
			.row("POST /orders/{id}/cancel", 401, 403, 200, 403, 200, 403, 403)
			.row("PUT /orders/{id}/status", 401, 403, 403, 200, 200, 403, 403)
			.row("DELETE /orders/{id}", 401, 403, 403, 403, 200, 403, 403)
			.row("GET /me", 401, 200, 200, 200, 200, 200, 200)
			.row("GET /actuator/prometheus", 401, 403, 403, 403, 200, 403, 200)
			.cases();
	}

	@ParameterizedTest(name = "{0} as {1} -> {2}")
	@MethodSource("matrix")
	void urlRulesAloneAnswerEachCallerAsSpecified(String route, String caller, int expected) throws Exception {
		String[] methodAndPath = route.replace("{id}", "7b0c5f0e-0000-4000-8000-000000000001").split(" ");
		MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(methodAndPath[0]), methodAndPath[1]);
		if (!caller.equals(ANONYMOUS)) {
			request.with(caller.equals(NO_ROLE) ? jwt() : jwt().authorities(new SimpleGrantedAuthority("ROLE_" + caller)));
		}

		this.mvc.perform(request).andExpect(status().is(expected));
	}

	/**
	 * Every API route, answering 200 to whoever reaches it.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class StubRoutes {

		@Bean
		RouterFunction<ServerResponse> stubRoutes() {
			return RouterFunctions.route()
				.POST("/orders", request -> ServerResponse.ok().build())
				.GET("/orders", request -> ServerResponse.ok().build())
				.GET("/orders/{id}", request -> ServerResponse.ok().build())
				.POST("/orders/{id}/cancel", request -> ServerResponse.ok().build())
				.PUT("/orders/{id}/status", request -> ServerResponse.ok().build())
				.DELETE("/orders/{id}", request -> ServerResponse.ok().build())
				.GET("/me", request -> ServerResponse.ok().build())
				.GET("/actuator/prometheus", request -> ServerResponse.ok().build())
				.build();
		}

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
