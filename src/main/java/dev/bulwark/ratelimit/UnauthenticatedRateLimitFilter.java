package dev.bulwark.ratelimit;

import java.io.IOException;

import io.micrometer.core.instrument.Counter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.bulwark.ratelimit.RateLimitProperties.Limit;
import dev.bulwark.web.ProblemResponses;

/**
 * Counts failed authentications (a 401: no token, or one that did not verify) per client address, and once an
 * address has used up its allowance refuses its requests before their tokens are looked at, so that a flood of
 * forged tokens costs a signature check only until the allowance is gone.
 */
class UnauthenticatedRateLimitFilter extends OncePerRequestFilter {

	static final String POLICY = "unauthenticated";

	private final RateLimits limits;

	private final Limit limit;

	private final ClientAddresses addresses;

	private final ProblemResponses problems;

	private final Counter rejections;

	UnauthenticatedRateLimitFilter(RateLimits limits, Limit limit, ClientAddresses addresses, ProblemResponses problems,
			Counter rejections) {
		this.limits = limits;
		this.limit = limit;
		this.addresses = addresses;
		this.problems = problems;
		this.rejections = rejections;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String address = this.addresses.of(request);
		Decision before = this.limits.peek(address, POLICY, this.limit);
		if (!before.allowed()) {
			this.rejections.increment();
			RateLimitHeaders.write(response, before);
			this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
					"Too many failed authentications from this address; retry after " + before.secondsToReset() + " seconds.");
			return;
		}
		chain.doFilter(request, response);
		if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
			this.limits.acquire(address, POLICY, this.limit);
		}
	}

}
