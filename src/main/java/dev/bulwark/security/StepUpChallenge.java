package dev.bulwark.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a caller must do to be let through, as RFC 9470 tells a client: sign in again with {@code acr_values}
 * and, when the sign-in is too old, {@code max_age}.
 *
 * @param acrValues the authentication level to ask the identity provider for
 * @param maxAge how recent that authentication must be, when its age was the problem
 * @param description what is missing, for the {@code error_description} and the problem's detail
 */
public record StepUpChallenge(String acrValues, @Nullable Duration maxAge, String description) {

}
