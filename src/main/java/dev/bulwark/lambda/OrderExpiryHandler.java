package dev.bulwark.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.Context;
import org.jspecify.annotations.Nullable;
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

	/**
	 * With the Lambda request id in the MDC of every log line of the run, the audit lines of the orders it expires
	 * among them.
	 */
	@Override
	public void handleRequest(InputStream input, OutputStream output, @Nullable Context context) throws IOException {
		LambdaLogging.invocation((context != null) ? context.getAwsRequestId() : null, null);
		try {
			super.handleRequest(input, output, context);
		}
		finally {
			LambdaLogging.invocationDone();
		}
	}

}
