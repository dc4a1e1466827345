package dev.bulwark.ratelimit;

import dev.bulwark.ratelimit.RateLimitProperties.Limit;

/**
 * The outcome of asking a bucket, with what the {@code RateLimit} headers tell the client.
 *
 * @param policy the policy's name (the tier, or the tier and route)
 * @param remaining requests left in the current window
 * @param secondsToReset seconds until the current window ends
 */
public record Decision(boolean allowed, String policy, Limit limit, int remaining, long secondsToReset) {

	/**
	 * The decision that tells a client more: a refusal, or else the one with fewer requests left.
	 */
	public Decision tighter(Decision other) {
		if (this.allowed != other.allowed) {
			return this.allowed ? other : this;
		}
		return (other.remaining < this.remaining) ? other : this;
	}

}
