package dev.bulwark.ratelimit;

import java.io.IOException;

import io.micrometer.core.instrument.Counter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.bulwark.ratelimit.RateLimitProperties.Limit;
import dev.bulwark.security.CallerAuthentication;
import dev.bulwark.web.ClientAddresses;
import dev.bulwark.web.ProblemResponses;

/**
 * Bounds how many bad tokens one client address can make this instance verify, without letting anybody's
 * failures lock out somebody else at the same address (a NAT, a corporate proxy, a load balancer nobody
 * configured as trusted).
 *
 * <p>Failed authentications (credentials in any scheme that ended in 401) are counted per address. While an
 * address is over its allowance, a token from it is verified only if this instance has verified that very token
 * before, or if the caller it claims to be has authenticated here before and still has allowance of its own at that
 * address; any other token is refused with 429 before it is verified. Requests without credentials are never
 * refused here: they cost no verification, and health checks are among them.
 *
 * <p>The price: a caller this instance has never seen, whose first token comes from an address that is over its
 * allowance, waits for the address's window to pass.
 */
class UnauthenticatedRateLimitFilter extends OncePerRequestFilter {

	static final String POLICY = "unauthenticated";

	private static final String KNOWN_CALLER_POLICY = "unauthenticated-known-caller";

	private final RateLimits limits;

	private final Limit limit;

	private final KnownCallers known;

	private final ProblemResponses problems;

	private final Counter rejections;

	UnauthenticatedRateLimitFilter(RateLimits limits, Limit limit, KnownCallers known,
			ProblemResponses problems, Counter rejections) {
		this.limits = limits;
		this.limit = limit;
		this.known = known;
		this.problems = problems;
		this.rejections = rejections;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String token = credentials(request);
		if (token == null) {
			chain.doFilter(request, response);
			return;
		}
		String address = ClientAddresses.of(request);
		Decision refusal = refusal(address, token);
		if (refusal != null) {
			this.rejections.increment();
			RateLimitHeaders.write(response, refusal);
			this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
					"Too many failed authentications from this address; retry after " + refusal.secondsToReset() + " seconds.");
			return;
		}
		chain.doFilter(request, response);
		if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
			this.limits.acquire(address, POLICY, this.limit);
		}
		else if (SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication authenticated) {
			this.known.remember(authenticated.caller(), authenticated.getToken().getExpiresAt());
		}
	}

	/**
	 * Why this token is not worth verifying now, or {@code null} if it is.
	 */
	private @Nullable Decision refusal(String address, String token) {
		Decision addressAllowance = this.limits.peek(address, POLICY, this.limit);
		if (addressAllowance.allowed() || this.known.knowsToken(token)) {
			return null;
		}
		String caller = this.known.knownClaimedCaller(token);
		if (caller == null) {
			return addressAllowance;
		}
		Decision callerAllowance = this.limits.acquire(address + "\n" + caller, KNOWN_CALLER_POLICY, this.limit);
		return callerAllowance.allowed() ? null : callerAllowance;
	}

	/**
	 * The credentials of the {@code Authorization} header, whatever its scheme: Spring Security verifies DPoP-bound
	 * tokens too, and a scheme left out here would be a way around the limit.
	 */
	private static @Nullable String credentials(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null) {
			return null;
		}
		int space = authorization.indexOf(' ');
		return authorization.substring(space + 1).trim();
	}

}
