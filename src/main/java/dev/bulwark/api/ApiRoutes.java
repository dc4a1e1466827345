package dev.bulwark.api;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.bulwark.order.ChangeStatusCommand;
import dev.bulwark.order.Order;
import dev.bulwark.order.OrderPage;
import dev.bulwark.order.OrderQuery;
import dev.bulwark.order.PlaceOrder;
import dev.bulwark.order.PlaceOrderCommand;
import dev.bulwark.order.PlacedOrder;
import dev.bulwark.order.StatusChange;
import dev.bulwark.security.CallerDescription;

/**
 * The route table: every HTTP route of the API, the function bean it invokes, and how the request becomes the
 * function's input. Functions are looked up by fixed names when the application starts; nothing a client sends
 * (no header, no path segment) can choose which function runs.
 */
@Configuration(proxyBeanMethods = false)
class ApiRoutes {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	@Bean
	RouterFunction<ServerResponse> apiRouter(FunctionCatalog catalog, JsonMapper jsonMapper) {
		RouteFunctions functions = new RouteFunctions(catalog);
		Function<PlaceOrderCommand, PlacedOrder> placeOrder = functions.function("placeOrder", PlaceOrderCommand.class,
				PlacedOrder.class);
		Function<OrderQuery, OrderPage> listOrders = functions.function("listOrders", OrderQuery.class, OrderPage.class);
		Function<String, Order> getOrder = functions.function("getOrder", String.class, Order.class);
		Function<String, Order> cancelOrder = functions.function("cancelOrder", String.class, Order.class);
		Function<ChangeStatusCommand, Order> changeOrderStatus = functions.function("changeOrderStatus",
				ChangeStatusCommand.class, Order.class);
		Consumer<String> deleteOrder = functions.consumer("deleteOrder", String.class);
		Supplier<CallerDescription> me = functions.supplier("me", CallerDescription.class);

		return RouterFunctions.route()
			.POST("/orders", request -> {
				PlacedOrder placed = placeOrder.apply(new PlaceOrderCommand(body(request, PlaceOrder.class, jsonMapper),
						request.headers().firstHeader(IDEMPOTENCY_KEY)));
				URI location = request.uriBuilder()
					.replacePath(request.requestPath().contextPath().value() + "/orders/{id}")
					.replaceQuery(null)
					.build(placed.order().id());
				ServerResponse.BodyBuilder created = ServerResponse.created(location)
					.contentType(MediaType.APPLICATION_JSON);
				if (placed.replayed()) {
					created.header(IDEMPOTENT_REPLAYED, "true");
				}
				return created.body(placed.order());
			})
			.GET("/orders", request -> json()
				.body(listOrders.apply(new OrderQuery(limit(request), request.param("cursor").orElse(null)))))
			.GET("/orders/{id}", request -> json().body(getOrder.apply(request.pathVariable("id"))))
			.POST("/orders/{id}/cancel",
					request -> json().body(cancelOrder.apply(request.pathVariable("id"))))
			.PUT("/orders/{id}/status",
					request -> json()
						.body(changeOrderStatus.apply(
								new ChangeStatusCommand(request.pathVariable("id"),
										body(request, StatusChange.class, jsonMapper)))))
			.DELETE("/orders/{id}", request -> {
				deleteOrder.accept(request.pathVariable("id"));
				return ServerResponse.noContent().build();
			})
			.GET("/me", request -> json().body(me.get()))
			.route(RequestPredicates.path("/orders"), methodNotAllowed(HttpMethod.GET, HttpMethod.POST))
			.route(RequestPredicates.path("/orders/{id}"), methodNotAllowed(HttpMethod.GET, HttpMethod.DELETE))
			.route(RequestPredicates.path("/orders/{id}/cancel"), methodNotAllowed(HttpMethod.POST))
			.route(RequestPredicates.path("/orders/{id}/status"), methodNotAllowed(HttpMethod.PUT))
			.route(RequestPredicates.path("/me"), methodNotAllowed(HttpMethod.GET))
			.build();
	}

	/**
	 * A 200 with a JSON body. The content type is set rather than negotiated: the API answers in JSON only (any
	 * {@code Accept} gets JSON), and a response without one makes Spring MVC throw and catch two exceptions while
	 * writing it (it parses the unset content type first), a seventh of what a request allocated.
	 */
	static ServerResponse.BodyBuilder json() {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON);
	}

	/**
	 * Reads a JSON object body, strictly, so that a gateway or firewall in front cannot read it differently from
	 * us. Anything but {@code application/json} is refused with 415 before it is read, and so is a declared charset
	 * other than UTF-8, which a proxy might honour. The bytes are decoded here, as UTF-8 with nothing replaced, and
	 * only the text goes to Jackson: given bytes, Jackson would also take a byte order mark, UTF-16 or UTF-32, and
	 * overlong or out-of-range UTF-8. The JSON {@code null} is refused like any other body that is not an object.
	 * Unknown and duplicate properties fail the read (see {@code application.yml} and the web module's JSON
	 * configuration), so a client can neither slip in fields it may not set nor hide a second value behind the
	 * first.
	 */
	private static <T> T body(ServerRequest request, Class<T> type, JsonMapper jsonMapper)
			throws HttpMediaTypeNotSupportedException {
		MediaType contentType = contentType(request);
		if (contentType == null || !MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
				|| (contentType.getCharset() != null && !StandardCharsets.UTF_8.equals(contentType.getCharset()))) {
			throw new HttpMediaTypeNotSupportedException(contentType, List.of(MediaType.APPLICATION_JSON),
					request.method());
		}
		HttpInputMessage input = new ServletServerHttpRequest(request.servletRequest());
		try {
			byte[] bytes = input.getBody().readAllBytes();
			CharBuffer json = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
			T body = jsonMapper.readValue(json.toString(), type);
			if (body == null) {
				throw new HttpMessageNotReadableException("The body is the JSON null", input);
			}
			return body;
		}
		catch (IOException | JacksonException ex) {
			throw new HttpMessageNotReadableException("The body is not a readable JSON object", ex, input);
		}
	}

	/**
	 * The request's content type; one that cannot be parsed (an unknown charset, say) is unsupported, as Spring MVC
	 * has it for annotated controllers.
	 */
	private static @Nullable MediaType contentType(ServerRequest request) throws HttpMediaTypeNotSupportedException {
		try {
			return request.headers().contentType().orElse(null);
		}
		catch (InvalidMediaTypeException ex) {
			throw new HttpMediaTypeNotSupportedException("Could not parse Content-Type",
					List.of(MediaType.APPLICATION_JSON));
		}
	}

	private static int limit(ServerRequest request) {
		return request.param("limit").map(ApiRoutes::parseLimit).orElse(OrderQuery.DEFAULT_LIMIT);
	}

	private static int parseLimit(String limit) {
		try {
			return Integer.parseInt(limit);
		}
		catch (NumberFormatException ex) {
			throw new InvalidParameterException("limit", "must be a whole number");
		}
	}

	static HandlerFunction<ServerResponse> methodNotAllowed(HttpMethod... allowed) {
		List<String> methods = Arrays.stream(allowed).map(HttpMethod::name).toList();
		return request -> {
			throw new HttpRequestMethodNotSupportedException(request.method().name(), methods);
		};
	}

}
