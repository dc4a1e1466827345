package dev.bulwark.ratelimit;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.bulwark.ratelimit.RateLimitProperties.Limit;
import dev.bulwark.ratelimit.RateLimitProperties.RouteLimit;
import dev.bulwark.security.Caller;
import dev.bulwark.security.CallerAuthentication;
import dev.bulwark.web.ProblemResponses;

/**
 * Limits each authenticated client by its tier, right after its token is verified and before anything else is
 * done for it. The client is the token's subject together with the client it was issued to ({@code azp}), so a
 * service account and a person never share an allowance, and nobody can pick their own key. With a
 * {@link FleetQuota}, the limits hold across every instance, not just this one.
 */
class ClientRateLimitFilter extends OncePerRequestFilter {

	private final RateLimits limits;

	private final Map<String, Limit> tierLimits;

	private final List<Route> routes;

	private final ProblemResponses problems;

	private final MeterRegistry meters;

	private final @Nullable FleetQuota fleet;

	ClientRateLimitFilter(RateLimits limits, Map<String, Limit> tierLimits, List<RouteLimit> routes,
			ProblemResponses problems, MeterRegistry meters, @Nullable FleetQuota fleet) {
		this.fleet = fleet;
		this.limits = limits;
		this.tierLimits = tierLimits;
		this.routes = routes.stream().map(Route::new).toList();
		this.problems = problems;
		this.meters = meters;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!(SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication authenticated)) {
			chain.doFilter(request, response);
			return;
		}
		Caller caller = authenticated.caller();
		String client = KnownCallers.key(caller.subject(), caller.clientId());
		String tier = caller.tier();
		Decision decision = acquire(client, tier, this.tierLimits.get(tier));
		for (Route route : this.routes) {
			Limit routeLimit = route.limit.tiers().get(tier);
			if (routeLimit != null && route.matcher.matches(request)) {
				decision = decision.tighter(acquire(client, tier + ":" + route.name, routeLimit));
			}
		}
		RateLimitHeaders.write(response, decision);
		if (!decision.allowed()) {
			Rejections.of(this.meters, tier).increment();
			this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
					"Too many requests; retry after " + decision.secondsToReset() + " seconds.");
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * This instance's limiter first: it costs nothing, and a client it refuses never reaches the fleet quota's
	 * table.
	 */
	private Decision acquire(String client, String policy, Limit limit) {
		Decision local = this.limits.acquire(client, policy, limit);
		if (!local.allowed() || this.fleet == null) {
			return local;
		}
		return local.tighter(this.fleet.acquire(client, policy, limit));
	}

	private static final class Route {

		private final RouteLimit limit;

		private final String name;

		private final RequestMatcher matcher;

		private Route(RouteLimit limit) {
			this.limit = limit;
			this.name = limit.method() + " " + limit.path();
			this.matcher = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.valueOf(limit.method()), limit.path());
		}

	}

}
