package dev.bulwark.security;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request that the step-up policy covers through only when its caller authenticated strongly and recently
 * enough, and otherwise answers with RFC 9470's challenge. Runs after the URL rules, so a caller without the role
 * gets a 403, and is never told to sign in again for something they may not do anyway.
 */
final class StepUpFilter extends OncePerRequestFilter {

	private final StepUpPolicy policy;

	private final SecurityProblems problems;

	private final Clock clock;

	StepUpFilter(StepUpPolicy policy, SecurityProblems problems, Clock clock) {
		this.policy = policy;
		this.problems = problems;
		this.clock = clock;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<StepUpChallenge> challenge = Callers.of(request)
			.flatMap(caller -> this.policy.requirementOf(request)
				.flatMap(requirement -> this.policy.challenge(requirement, caller, this.clock.instant())));
		if (challenge.isPresent()) {
			this.problems.stepUp(request, response, challenge.get());
			return;
		}
		chain.doFilter(request, response);
	}

}
