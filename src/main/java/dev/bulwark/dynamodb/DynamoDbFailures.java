package dev.bulwark.dynamodb;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.bulwark.web.DependencyUnavailableException;

/**
 * Exception translation at the boundary of a class that stores data in DynamoDB, as Spring does for a
 * {@code @Repository}: a failure for want of DynamoDB (see {@link DynamoDbGuard}) leaves it as a
 * {@link DependencyUnavailableException}, which the API answers with 503 and {@code Retry-After}; anything else
 * leaves it as it was thrown.
 */
public final class DynamoDbFailures {

	private final Duration retryAfter;

	/**
	 * @param retryAfter what clients are told to wait: how long calls are refused once DynamoDB counts as failing
	 */
	public DynamoDbFailures(Duration retryAfter) {
		this.retryAfter = retryAfter;
	}

	/**
	 * {@code target} behind its interface {@code api}, with every failure for want of DynamoDB translated.
	 */
	public <T> T translating(Class<T> api, T target) {
		return api.cast(Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] { api }, (proxy, method, args) -> {
			try {
				return method.invoke(target, args);
			}
			catch (InvocationTargetException ex) {
				DependencyUnavailableException unavailable = unavailable(ex.getCause());
				throw (unavailable != null) ? unavailable : ex.getCause();
			}
		}));
	}

	/**
	 * What {@code failure} means to a client, if it was a failure for want of DynamoDB: the guard's own refusal
	 * (wherever the SDK wrapped it), or a call that timed out, could not connect, was throttled or met a server error.
	 */
	public @Nullable DependencyUnavailableException unavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DependencyUnavailableException refused) {
				return refused;
			}
		}
		String reason = DynamoDbGuard.reason(failure);
		return (reason != null)
				? new DependencyUnavailableException(DynamoDbGuard.DEPENDENCY, reason, this.retryAfter, failure) : null;
	}

}
