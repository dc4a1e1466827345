package dev.bulwark.security;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The step-up policy of {@link StepUpProperties}: which requests need which level of authentication, and whether
 * a caller has it.
 */
public final class StepUpPolicy {

	private final Map<String, Integer> levels;

	private final List<Rule> rules;

	private final StepUpProperties.LargeOrder largeOrder;

	public StepUpPolicy(StepUpProperties properties) {
		this.levels = Map.copyOf(properties.acrLevels());
		this.largeOrder = properties.largeOrder();
		this.rules = properties.routes()
			.stream()
			.map(route -> new Rule(PathPatternRequestMatcher.withDefaults()
				.matcher((route.method() != null) ? HttpMethod.valueOf(route.method()) : null, route.path()), route))
			.toList();
	}

	/**
	 * What the first matching rule requires of the request, if anything.
	 */
	public Optional<StepUpProperties.Route> requirementOf(HttpServletRequest request) {
		return this.rules.stream()
			.filter(rule -> rule.matcher().matches(request))
			.findFirst()
			.map(Rule::route)
			.filter(route -> route.acr() != null);
	}

	/**
	 * Refuses a large order of a caller who did not sign in strongly or recently enough for it.
	 * @throws StepUpRequiredException with the challenge, when the total is over the limit and the caller falls
	 * short
	 */
	public void checkOrderTotal(BigDecimal total, Caller caller, Instant now) {
		if (total.compareTo(this.largeOrder.above()) > 0) {
			challenge(this.largeOrder.acr(), this.largeOrder.maxAge(), caller, now).ifPresent(challenge -> {
				throw new StepUpRequiredException(challenge);
			});
		}
	}

	/**
	 * What the caller lacks for the requirement: nothing, or the challenge that says what to do. A caller with no
	 * {@code acr} (a service account) has no level, and so never meets a requirement.
	 */
	public Optional<StepUpChallenge> challenge(StepUpProperties.Route requirement, Caller caller, Instant now) {
		String acr = requirement.acr();
		return (acr != null) ? challenge(acr, requirement.maxAge(), caller, now) : Optional.empty();
	}

	private Optional<StepUpChallenge> challenge(String acr, @Nullable Duration maxAge, Caller caller, Instant now) {
		boolean tooOld = maxAge != null
				&& (caller.authTime() == null || caller.authTime().plus(maxAge).isBefore(now));
		if (levelOf(caller.acr()) < this.levels.get(acr)) {
			return Optional.of(new StepUpChallenge(acr, tooOld ? maxAge : null,
					"A stronger authentication is required for this request: " + acr + "."));
		}
		if (tooOld) {
			return Optional.of(new StepUpChallenge(acr, maxAge,
					"A more recent authentication is required for this request: within " + maxAge.toSeconds()
							+ " seconds."));
		}
		return Optional.empty();
	}

	private int levelOf(@Nullable String acr) {
		return (acr != null) ? this.levels.getOrDefault(acr, 0) : 0;
	}

	private record Rule(RequestMatcher matcher, StepUpProperties.Route route) {
	}

}
