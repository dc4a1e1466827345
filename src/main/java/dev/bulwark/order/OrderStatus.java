package dev.bulwark.order;

import java.util.Set;

/**
 * The order life cycle: {@code PENDING → CONFIRMED → SHIPPED → DELIVERED}, and {@code CANCELLED} from any state
 * before {@code SHIPPED}.
 */
public enum OrderStatus {

	PENDING, CONFIRMED, SHIPPED, DELIVERED, CANCELLED;

	private static final Set<OrderStatus> CANCELLABLE = Set.of(PENDING, CONFIRMED);

	public boolean canMoveTo(OrderStatus next) {
		return switch (next) {
			case PENDING -> false;
			case CONFIRMED -> this == PENDING;
			case SHIPPED -> this == CONFIRMED;
			case DELIVERED -> this == SHIPPED;
			case CANCELLED -> CANCELLABLE.contains(this);
		};
	}

}
