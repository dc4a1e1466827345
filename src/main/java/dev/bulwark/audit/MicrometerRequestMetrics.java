package dev.bulwark.audit;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every request in {@code bulwark.requests}, by outcome and reason (why a 401, or a refusal by address;
 * {@code none} otherwise): the series Prometheus alerts watch.
 */
final class MicrometerRequestMetrics implements RequestMetrics {

	private static final String NO_REASON = "none";

	private final MeterRegistry meters;

	/** One timer per outcome and reason, looked up once: building a meter's id on every request costs. */
	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	MicrometerRequestMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public void record(AuditedRequest request) {
		String reason = Objects.requireNonNullElse(request.reason(), NO_REASON);
		this.timers.computeIfAbsent(request.outcome() + "|" + reason, key -> Timer.builder("bulwark.requests")
			.description("Requests, by what became of them and, for 401s, why")
			.tag("outcome", request.outcome())
			.tag("reason", reason)
			.register(this.meters)).record(request.nanos(), TimeUnit.NANOSECONDS);
	}

}
