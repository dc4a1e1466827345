package dev.bulwark.audit;

import org.jspecify.annotations.Nullable;

/**
 * What one request came to, as its audit line says it: what metrics count.
 *
 * @param requestId the request's id ({@code X-Request-Id})
 * @param outcome the class of what became of it ({@code allowed}, {@code unauthenticated}, …)
 * @param reason why its token was refused, for a 401; {@code outside-admin-network} for admin work from outside
 * the admin networks
 * @param tier the caller's service tier, when the caller is known
 * @param nanos how long it took
 */
public record AuditedRequest(String requestId, String outcome, @Nullable String reason, @Nullable String tier,
		long nanos) {

}
