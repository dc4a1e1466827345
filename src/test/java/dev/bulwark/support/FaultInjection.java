package dev.bulwark.support;

import java.util.function.Consumer;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Test-only failures, to prove what a client sees when something breaks: a route whose handler throws, and a
 * servlet filter that throws before Spring MVC is reached. Both exceptions carry text that must never leak. Not
 * a {@code @Configuration}, so that component scanning (of the local run, say) never finds it; tests import it.
 */
public class FaultInjection {

	public static final String SECRET = "SECRET-internal-detail";

	/** Where the test-only routes are: outside the API and its OpenAPI document. */
	public static final String PATH_PREFIX = "/_test/";

	/**
	 * Two test-only routes: one whose handler throws, and one that hands any authenticated caller to the
	 * {@code deleteOrder} function, as a route table with a missing URL rule would, so that only method security
	 * stands in the way.
	 */
	@Bean
	RouterFunction<ServerResponse> testRoutes(FunctionCatalog functions) {
		Consumer<Object> deleteOrder = functions.lookup("deleteOrder");
		return RouterFunctions.route()
			.GET(PATH_PREFIX + "handler-failure", request -> {
				throw new IllegalStateException(SECRET + " in " + FaultInjection.class.getName());
			})
			.POST(PATH_PREFIX + "unguarded-delete/{id}", request -> {
				deleteOrder.accept(request.pathVariable("id"));
				return ServerResponse.noContent().build();
			})
			.build();
	}

	/**
	 * A servlet filter outside the security chain that fails on one path. It checks the path itself because the
	 * Lambda runtime ignores the URL patterns (and the order) of registered filters.
	 */
	@Bean
	FilterRegistrationBean<Filter> failingFilter() {
		FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
			if (((HttpServletRequest) request).getRequestURI().equals(PATH_PREFIX + "filter-failure")) {
				throw new IllegalStateException(SECRET + " in " + FaultInjection.class.getName());
			}
			chain.doFilter(request, response);
		});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
