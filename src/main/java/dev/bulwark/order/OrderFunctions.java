package dev.bulwark.order;

import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.bulwark.security.Roles;
import dev.bulwark.security.SystemPrincipal;

/**
 * The business endpoints as function beans. They stay thin: every rule is in {@link OrderService}, whose proxy
 * applies method security and validation however the function is invoked.
 */
@Configuration(proxyBeanMethods = false)
class OrderFunctions {

	@Bean
	Function<PlaceOrderCommand, PlacedOrder> placeOrder(OrderService orders) {
		return command -> orders.place(command.order(), command.idempotencyKey());
	}

	@Bean
	Function<OrderQuery, OrderPage> listOrders(OrderService orders) {
		return orders::list;
	}

	@Bean
	Function<String, Order> getOrder(OrderService orders) {
		return orders::get;
	}

	@Bean
	Function<String, Order> cancelOrder(OrderService orders) {
		return orders::cancel;
	}

	@Bean
	Function<ChangeStatusCommand, Order> changeOrderStatus(OrderService orders) {
		return command -> orders.changeStatus(command.orderId(), command.change());
	}

	@Bean
	Consumer<String> deleteOrder(OrderService orders) {
		return orders::delete;
	}

	/**
	 * Not an HTTP route: the scheduled Lambda function invokes it with EventBridge's event, as the system
	 * principal that holds the one role {@link OrderService#expirePending} requires.
	 */
	@Bean
	Function<ExpiryTrigger, ExpiryReport> expirePendingOrders(OrderService orders) {
		return trigger -> SystemPrincipal.runAs(Roles.ORDER_EXPIRY, () -> orders.expirePending(trigger));
	}

}
