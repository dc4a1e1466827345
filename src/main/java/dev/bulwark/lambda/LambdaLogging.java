package dev.bulwark.lambda;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * How the Lambda functions log: JSON lines (Spring Boot's ECS structured logging) unless the environment chose a
 * format, so that CloudWatch Logs Insights can query every field; and the ids of the invocation in every line.
 */
final class LambdaLogging {

	private static final String EXECUTION = "faas.execution";

	private static final String TRIGGER_REQUEST_ID = "faas.trigger.request_id";

	private static final String FORMAT_PROPERTY = "logging.structured.format.console";

	private LambdaLogging() {
	}

	/**
	 * Before the application starts: Boot reads the format when it sets logging up. A system property, because the
	 * handlers start Spring themselves, and this JVM runs nothing but the function.
	 */
	static void structuredByDefault() {
		if (System.getProperty(FORMAT_PROPERTY) == null && System.getenv("LOGGING_STRUCTURED_FORMAT_CONSOLE") == null) {
			System.setProperty(FORMAT_PROPERTY, "ecs");
		}
	}

	/**
	 * Puts the Lambda request id and the id of the triggering request (API Gateway's) in the MDC of the
	 * invocation's log lines.
	 */
	static void invocation(@Nullable String lambdaRequestId, @Nullable String triggerRequestId) {
		if (lambdaRequestId != null) {
			MDC.put(EXECUTION, lambdaRequestId);
		}
		if (triggerRequestId != null) {
			MDC.put(TRIGGER_REQUEST_ID, triggerRequestId);
		}
	}

	static void invocationDone() {
		MDC.remove(EXECUTION);
		MDC.remove(TRIGGER_REQUEST_ID);
	}

}
