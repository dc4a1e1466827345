package dev.bulwark.web;

import org.jspecify.annotations.Nullable;

/**
 * The first exception of a type in a cause chain: what failed is often wrapped by whatever called it (Spring MVC,
 * the function catalog, the AWS SDK).
 */
final class Causes {

	private Causes() {
	}

	static <T extends Throwable> @Nullable T find(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
