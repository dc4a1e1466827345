package dev.bulwark.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code bulwark.ratelimit.rejections}: refusals by tier ({@code unauthenticated} for the per-address limit).
 */
final class Rejections {

	private Rejections() {
	}

	static Counter of(MeterRegistry meters, String tier) {
		return Counter.builder("bulwark.ratelimit.rejections")
			.description("Requests refused by a rate limit")
			.tag("tier", tier)
			.register(meters);
	}

}
