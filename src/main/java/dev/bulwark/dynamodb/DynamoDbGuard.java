package dev.bulwark.dynamodb;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

import dev.bulwark.dynamodb.DynamoDbProperties.Outage;
import dev.bulwark.web.DependencyUnavailableException;

/**
 * Stands between every feature and DynamoDB, in the SDK's own call pipeline, so that no caller can forget it:
 * <ul>
 * <li>at most {@code maxConcurrentCalls} calls are in flight (a bulkhead): a DynamoDB that stalls holds that many
 * request threads, not all of them;</li>
 * <li>while most recent calls failed for want of DynamoDB, calls are refused without being tried (a circuit
 * breaker), and a few probe calls later find out whether it is back;</li>
 * <li>a call that failed for want of DynamoDB (after the SDK's bounded retries) counts against it; every other
 * failure (a condition that did not hold, say) is an answer. {@link DynamoDbFailures} turns the former into a
 * {@link DependencyUnavailableException} at the boundary of the classes that store data (the SDK lets an
 * interceptor replace an exception only with one of the same class).</li>
 * </ul>
 * Each refusal and failure is counted in {@code bulwark.dependency.failures}; {@code bulwark.dependency.available}
 * is 0 while calls are being refused, and each change of state is logged.
 */
final class DynamoDbGuard implements ExecutionInterceptor {

	static final String DEPENDENCY = "dynamodb";

	private static final Log logger = LogFactory.getLog(DynamoDbGuard.class);

	private static final ExecutionAttribute<Permit> PERMIT = new ExecutionAttribute<>("bulwark.dynamodb.permit");

	private final Bulkhead concurrentCalls;

	private final CircuitBreaker outages;

	private final Duration retryAfter;

	private final MeterRegistry meters;

	DynamoDbGuard(int maxConcurrentCalls, Outage outage, MeterRegistry meters) {
		this.meters = meters;
		this.retryAfter = outage.openFor();
		this.concurrentCalls = Bulkhead.of(DEPENDENCY,
				BulkheadConfig.custom().maxConcurrentCalls(maxConcurrentCalls).maxWaitDuration(Duration.ZERO).build());
		this.outages = CircuitBreaker.of(DEPENDENCY,
				CircuitBreakerConfig.custom()
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.slidingWindowSize(outage.window())
					.minimumNumberOfCalls(Math.max(1, outage.window() / 2))
					.failureRateThreshold(outage.failureRate())
					.waitDurationInOpenState(outage.openFor())
					.permittedNumberOfCallsInHalfOpenState(2)
					// Whether a call failed for want of DynamoDB is decided here (onError is only called then).
					.recordException(ex -> true)
					.build());
		this.outages.getEventPublisher()
			.onStateTransition(event -> logger.warn("DynamoDB calls " + switch (event.getStateTransition().getToState()) {
				case OPEN -> "refused for " + this.retryAfter + ": most recent calls failed";
				case HALF_OPEN -> "probed: the refusal period is over";
				default -> "resumed";
			}));
		Gauge.builder("bulwark.dependency.available", this.outages,
				breaker -> (breaker.getState() == CircuitBreaker.State.OPEN) ? 0 : 1)
			.tag("dependency", DEPENDENCY)
			.description("1 while calls to the dependency are made, 0 while they are refused for its failures")
			.register(meters);
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		if (!this.outages.tryAcquirePermission()) {
			throw refused("circuit-open");
		}
		if (!this.concurrentCalls.tryAcquirePermission()) {
			this.outages.releasePermission();
			throw refused("too-many-calls");
		}
		attributes.putAttribute(PERMIT, new Permit(System.nanoTime(), new AtomicBoolean()));
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
		Permit permit = release(attributes);
		if (permit != null) {
			this.outages.onSuccess(System.nanoTime() - permit.started(), TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
		Throwable failure = context.exception();
		String reason = reason(failure);
		Permit permit = release(attributes);
		if (permit == null) {
			return;
		}
		long took = System.nanoTime() - permit.started();
		if (reason != null) {
			count(reason);
			this.outages.onError(took, TimeUnit.NANOSECONDS, failure);
		}
		else {
			this.outages.onSuccess(took, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * The permit of a call this guard let through, given back once, whichever way the call ended.
	 */
	private @Nullable Permit release(ExecutionAttributes attributes) {
		Permit permit = attributes.getAttribute(PERMIT);
		if (permit == null || !permit.released().compareAndSet(false, true)) {
			return null;
		}
		this.concurrentCalls.onComplete();
		return permit;
	}

	private DependencyUnavailableException refused(String reason) {
		count(reason);
		return new DependencyUnavailableException(DEPENDENCY, reason, this.retryAfter, null);
	}

	private void count(String reason) {
		Counter.builder("bulwark.dependency.failures")
			.tag("dependency", DEPENDENCY)
			.tag("reason", reason)
			.description("Calls to a dependency that failed or were refused for want of it")
			.register(this.meters)
			.increment();
	}

	private record Permit(long started, AtomicBoolean released) {
	}

	/**
	 * Why a call failed for want of DynamoDB, or {@code null} when DynamoDB answered (a condition that did not
	 * hold, a validation error) and the caller must deal with the answer.
	 */
	static @Nullable String reason(Throwable failure) {
		if (failure instanceof ApiCallTimeoutException || failure instanceof ApiCallAttemptTimeoutException) {
			return "timed-out";
		}
		if (failure instanceof AwsServiceException service) {
			if (service.isThrottlingException() || throttledTransaction(service)) {
				return "throttled";
			}
			if (service instanceof TransactionInProgressException) {
				return "transaction-in-progress";
			}
			return (service.statusCode() >= 500) ? "server-error" : null;
		}
		// Anything else the SDK throws is about the call, not an answer: no connection, a reset, a broken response.
		return (failure instanceof SdkClientException) ? "unreachable" : null;
	}

	private static boolean throttledTransaction(AwsServiceException service) {
		return service instanceof TransactionCanceledException cancelled && cancelled.hasCancellationReasons()
				&& cancelled.cancellationReasons()
					.stream()
					.anyMatch(reason -> "ThrottlingError".equals(reason.code())
							|| "ProvisionedThroughputExceeded".equals(reason.code()));
	}

}
