package dev.bulwark.ratelimit;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The IETF rate-limit headers (draft-ietf-httpapi-ratelimit-headers): {@code RateLimit-Policy} says the quota
 * and window, {@code RateLimit} what is left and when the window resets, so clients can pace themselves; a refusal
 * adds {@code Retry-After}.
 */
final class RateLimitHeaders {

	private RateLimitHeaders() {
	}

	static void write(HttpServletResponse response, Decision decision) {
		String policy = "\"" + decision.policy() + "\"";
		response.setHeader("RateLimit-Policy",
				policy + ";q=" + decision.limit().limit() + ";w=" + decision.limit().period().toSeconds());
		response.setHeader("RateLimit", policy + ";r=" + decision.remaining() + ";t=" + decision.secondsToReset());
		if (!decision.allowed()) {
			response.setHeader("Retry-After", Long.toString(decision.secondsToReset()));
		}
	}

}
