package dev.bulwark.api;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.function.context.config.ContextFunctionCatalogAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;

import dev.bulwark.order.ChangeStatusCommand;
import dev.bulwark.order.Order;
import dev.bulwark.order.OrderPage;
import dev.bulwark.order.OrderQuery;
import dev.bulwark.order.PlaceOrderCommand;
import dev.bulwark.order.PlacedOrder;
import dev.bulwark.security.CallerDescription;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route table's functions are checked when the application starts: a missing bean, or one whose signature no
 * longer matches the route that calls it, stops the start instead of failing a request.
 */
class RouteFunctionsTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(JacksonAutoConfiguration.class, ContextFunctionCatalogAutoConfiguration.class))
		.withUserConfiguration(ApiRoutes.class, OtherFunctions.class);

	@Test
	void startsWhenEveryRouteFunctionHasItsSignature() {
		this.contexts.withUserConfiguration(Me.class, GetOrder.class, CancelOrder.class)
			.run(context -> assertThat(context).hasNotFailed().hasSingleBean(RouterFunction.class));
	}

	@Test
	void refusesToStartWhenAFunctionTakesAnotherInput() {
		this.contexts.withUserConfiguration(Me.class, GetOrderByNumber.class, CancelOrder.class)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'getOrder' with input String"));
	}

	@Test
	void refusesToStartWhenAFunctionReturnsSomethingElse() {
		this.contexts.withUserConfiguration(Me.class, GetOrder.class, CancelOrderReturningText.class)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("'cancelOrder' with output Order"));
	}

	@Test
	void refusesToStartWhenAFunctionIsMissing() {
		this.contexts.withUserConfiguration(GetOrder.class, CancelOrder.class)
			.run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("'me'"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OtherFunctions {

		@Bean
		Function<PlaceOrderCommand, PlacedOrder> placeOrder() {
			return command -> null;
		}

		@Bean
		Function<OrderQuery, OrderPage> listOrders() {
			return query -> null;
		}

		@Bean
		Function<ChangeStatusCommand, Order> changeOrderStatus() {
			return command -> null;
		}

		@Bean
		Consumer<String> deleteOrder() {
			return id -> {
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Me {

		@Bean
		Supplier<CallerDescription> me() {
			return () -> null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GetOrder {

		@Bean
		Function<String, Order> getOrder() {
			return id -> null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GetOrderByNumber {

		@Bean
		Function<Long, Order> getOrder() {
			return number -> null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CancelOrder {

		@Bean
		Function<String, Order> cancelOrder() {
			return id -> null;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CancelOrderReturningText {

		@Bean
		Function<String, String> cancelOrder() {
			return id -> id;
		}

	}

}
