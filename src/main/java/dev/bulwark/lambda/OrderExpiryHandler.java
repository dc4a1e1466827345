package dev.bulwark.lambda;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * The Lambda entry point of the scheduled expiry job: Spring Cloud Function's {@link FunctionInvoker}, bound to
 * the {@code expirePendingOrders} function by name. Naming it here, rather than in
 * {@code spring.cloud.function.definition}, means no configuration mistake can leave the invoker on its fallback,
 * the routing function, which picks functions by message headers. Needs {@code MAIN_CLASS} (the template sets it).
 */
public class OrderExpiryHandler extends FunctionInvoker {

	static {
		// The invoker starts Spring in its constructor, before this class's could run.
		LambdaLogging.structuredByDefault();
	}

	public OrderExpiryHandler() {
		super("expirePendingOrders");
	}

}
