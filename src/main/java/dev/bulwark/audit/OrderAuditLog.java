package dev.bulwark.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.bulwark.order.OrderEvent;
import dev.bulwark.order.OrderStatus;

/**
 * The business audit trail: one line on the {@code bulwark.audit} logger for every change to an order, with who
 * made it, in the MDC of the request (or invocation) that made it, so that it joins that request's audit line.
 */
@Component
class OrderAuditLog {

	private static final Logger audit = LoggerFactory.getLogger("bulwark.audit");

	@EventListener
	void on(OrderEvent event) {
		if (event instanceof OrderEvent.Placed placed) {
			line("order-placed", event).addKeyValue("order.replayed", placed.replayed()).log();
		}
		else if (event instanceof OrderEvent.Cancelled cancelled) {
			transition(line("order-cancelled", event), cancelled.from(), OrderStatus.CANCELLED).log();
		}
		else if (event instanceof OrderEvent.StatusChanged changed) {
			transition(line("order-status-changed", event), changed.from(), changed.to()).log();
		}
		else if (event instanceof OrderEvent.Deleted) {
			line("order-deleted", event).log();
		}
		else if (event instanceof OrderEvent.Expired) {
			transition(line("order-expired", event), OrderStatus.PENDING, OrderStatus.CANCELLED).log();
		}
	}

	private static LoggingEventBuilder line(String action, OrderEvent event) {
		return audit.atInfo()
			.setMessage(action + " " + event.orderId())
			.addKeyValue("event.action", action)
			.addKeyValue("order.id", event.orderId())
			.addKeyValue("user.id", LogValues.safe(event.actor(), 128));
	}

	private static LoggingEventBuilder transition(LoggingEventBuilder line, OrderStatus from, OrderStatus to) {
		return line.addKeyValue("order.status.from", from.name()).addKeyValue("order.status.to", to.name());
	}

}
