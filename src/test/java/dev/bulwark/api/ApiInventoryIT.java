package dev.bulwark.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.FaultInjection;
import dev.bulwark.support.OpenApiContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's inventory (OWASP API9): every route the application's handler mappings serve is an operation of the
 * OpenAPI document, and every operation of the document is served. Read from the running application's own
 * route tables (functional routes, annotated controllers, the actuator's endpoints), so a route added anywhere
 * without its description, or described but never wired, fails here. Both runtimes build their routes from the
 * same configuration; the contract suite holds every response in both to the document, and
 * {@code ApiDocumentIT} calls the document's operations in both.
 */
class ApiInventoryIT extends ApiIntegrationTest {

	/**
	 * Served, but by Spring Security's filter chain rather than a handler mapping.
	 */
	private static final Set<String> SERVED_BY_FILTERS = Set.of("GET /.well-known/oauth-protected-resource");

	/**
	 * Mapped, but answered with 404 ({@code ApiDocumentIT} proves it in both runtimes): the servlet container's
	 * error dispatch, and the health endpoint's paths to groups and components, of which this service shows none
	 * (only {@code /actuator/health/}, with its trailing slash, is the health check itself).
	 */
	private static final Set<String> UNREACHABLE = Set.of("* /error", "GET /actuator/health/**");

	@Autowired
	private WebApplicationContext context;

	@Test
	void everyRouteServedIsDocumentedAndEveryDocumentedOperationIsServed() {
		Set<String> documented = normalized(OpenApiContract.shared().operations());
		Set<String> served = new TreeSet<>(SERVED_BY_FILTERS);
		served.addAll(routes());
		served.removeAll(UNREACHABLE);
		Set<String> anyMethod = new TreeSet<>(served);
		anyMethod.removeIf(route -> !route.startsWith("* "));
		served.removeAll(anyMethod);

		assertThat(normalized(served)).isEqualTo(documented);
		// The routes that answer 405 to the other methods of a path: only paths the document has.
		assertThat(paths(normalized(anyMethod))).isSubsetOf(paths(documented));
	}

	/**
	 * Every route of every handler mapping, as {@code "GET /orders/{id}"}; {@code "*"} for a route that takes any
	 * method. A handler mapping of a kind this test cannot read fails it, rather than hiding routes.
	 */
	private Set<String> routes() {
		Set<String> routes = new TreeSet<>();
		for (Map.Entry<String, HandlerMapping> mapping : this.context.getBeansOfType(HandlerMapping.class).entrySet()) {
			if (mapping.getValue() instanceof RouterFunctionMapping functions) {
				RouterFunction<?> router = functions.getRouterFunction();
				if (router != null) {
					router.accept(new RouteCollector(routes));
				}
			}
			else if (mapping.getValue() instanceof RequestMappingInfoHandlerMapping handlers) {
				handlers.getHandlerMethods().forEach((info, method) -> addAnnotated(routes, info, method));
			}
			else if (mapping.getValue() instanceof AbstractUrlHandlerMapping urls) {
				assertThat(urls.getHandlerMap()).as(mapping.getKey() + " maps URLs").isEmpty();
			}
			else {
				throw new AssertionError("A handler mapping the inventory cannot read: " + mapping.getKey() + " ("
						+ mapping.getValue().getClass().getName() + ")");
			}
		}
		routes.removeIf(route -> route.contains(" " + FaultInjection.PATH_PREFIX));
		return routes;
	}

	private static void addAnnotated(Set<String> routes, RequestMappingInfo info, HandlerMethod handler) {
		Set<String> methods = new TreeSet<>();
		info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
		if (methods.isEmpty()) {
			methods.add("*");
		}
		for (String path : info.getPatternValues()) {
			methods.forEach(method -> routes.add(method + " " + path));
		}
	}

	private static Set<String> paths(Set<String> routes) {
		Set<String> paths = new TreeSet<>();
		routes.forEach(route -> paths.add(route.substring(route.indexOf(' ') + 1)));
		return paths;
	}

	/**
	 * Path parameters compared by position, not by name ({@code {requiredMetricName}} is {@code {name}}).
	 */
	private static Set<String> normalized(Set<String> routes) {
		Set<String> normalized = new TreeSet<>();
		routes.forEach(route -> normalized.add(route.replaceAll("\\{[^}*]+}", "{}")));
		return normalized;
	}

	/**
	 * Reads functional routes: each route's method and path predicates; a route with a path but no method (the
	 * API's 405 answers for the other methods of a path) as {@code "*"}.
	 */
	private static final class RouteCollector implements RouterFunctions.Visitor, RequestPredicates.Visitor {

		private final Set<String> routes;

		private final Set<String> methods = new TreeSet<>();

		private String path = "";

		RouteCollector(Set<String> routes) {
			this.routes = routes;
		}

		@Override
		public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
			this.methods.clear();
			this.path = "";
			predicate.accept(this);
			if (this.methods.isEmpty()) {
				this.routes.add("* " + this.path);
			}
			this.methods.forEach(method -> this.routes.add(method + " " + this.path));
		}

		@Override
		public void method(Set<HttpMethod> methods) {
			methods.forEach(method -> this.methods.add(method.name()));
		}

		@Override
		public void path(String pattern) {
			this.path = pattern;
		}

		@Override
		public void startNested(RequestPredicate predicate) {
			throw new AssertionError("Nested routes are not read by the inventory: " + predicate);
		}

		@Override
		public void endNested(RequestPredicate predicate) {
		}

		@Override
		public void resources(Function<ServerRequest, Optional<Resource>> lookupFunction) {
			throw new AssertionError("A resource route: " + lookupFunction);
		}

		@Override
		public void attributes(Map<String, Object> attributes) {
		}

		@Override
		public void unknown(RouterFunction<?> routerFunction) {
			throw new AssertionError("A route the inventory cannot read: " + routerFunction);
		}

		@Override
		public void pathExtension(String extension) {
			throw new AssertionError("A path-extension route: " + extension);
		}

		@Override
		public void header(String name, String value) {
		}

		@Override
		public void param(String name, String value) {
		}

		@Override
		public void version(String version) {
		}

		@Override
		public void startAnd() {
		}

		@Override
		public void and() {
		}

		@Override
		public void endAnd() {
		}

		@Override
		public void startOr() {
			throw new AssertionError("An either-or route predicate is not read by the inventory");
		}

		@Override
		public void or() {
		}

		@Override
		public void endOr() {
		}

		@Override
		public void startNegate() {
			throw new AssertionError("A negated route predicate is not read by the inventory");
		}

		@Override
		public void endNegate() {
		}

		@Override
		public void unknown(RequestPredicate predicate) {
			throw new AssertionError("A route predicate the inventory cannot read: " + predicate);
		}

	}

}
