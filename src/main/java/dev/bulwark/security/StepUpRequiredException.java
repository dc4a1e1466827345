package dev.bulwark.security;

/**
 * Thrown where a request turns out to need a stronger or more recent sign-in only once its content is known (a
 * large order): answered like the step-up filter's refusal, with RFC 9470's challenge.
 */
public class StepUpRequiredException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient StepUpChallenge challenge;

	StepUpRequiredException(StepUpChallenge challenge) {
		super(challenge.description());
		this.challenge = challenge;
	}

	public StepUpChallenge challenge() {
		return this.challenge;
	}

}
