package dev.bulwark.security;

import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Names the service tier of a verified token's caller. The tiers belong to whoever defines them (the rate limits);
 * without such a bean every caller is in {@link #DEFAULT}.
 */
@FunctionalInterface
public interface CallerTiers {

	String DEFAULT = "default";

	/**
	 * @param token the verified token
	 * @param roles its API roles, without the {@code ROLE_} prefix
	 */
	String tierOf(Jwt token, Set<String> roles);

}
