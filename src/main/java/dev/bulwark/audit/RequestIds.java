package dev.bulwark.audit;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Where a request's ids come from: its own request id, and the trace it belongs to.
 */
final class RequestIds {

	static final String REQUEST_ID_HEADER = "X-Request-Id";

	static final String TRACEPARENT_HEADER = "traceparent";

	/** Letters, digits and a little punctuation: what UUIDs, ULIDs and gateways' ids are made of, nothing else. */
	private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:=-]{0,63}");

	/** W3C Trace Context, version 00: {@code 00-<trace id>-<parent id>-<flags>}. */
	private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");

	private static final String INVALID_TRACE_ID = "0".repeat(32);

	private static final String INVALID_PARENT_ID = "0".repeat(16);

	private RequestIds() {
	}

	/**
	 * The caller's request id if it is well formed, otherwise a new one.
	 */
	static String requestId(@Nullable String offered) {
		return (offered != null && REQUEST_ID.matcher(offered).matches()) ? offered : newId();
	}

	/**
	 * A random (version 4) UUID from a thread's own generator: a request id names a request, it guards nothing, and
	 * {@link UUID#randomUUID()} would make every request wait its turn for the one secure generator.
	 */
	private static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
		long leastSignificant = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant).toString();
	}

	/**
	 * The trace id of a valid {@code traceparent}, or {@code null}.
	 */
	static @Nullable String traceId(@Nullable String traceparent) {
		if (traceparent == null) {
			return null;
		}
		Matcher matcher = TRACEPARENT.matcher(traceparent.trim());
		if (!matcher.matches() || matcher.group(1).equals(INVALID_TRACE_ID)
				|| matcher.group(2).equals(INVALID_PARENT_ID)) {
			return null;
		}
		return matcher.group(1);
	}

}
