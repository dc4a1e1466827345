package dev.bulwark.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a verified Keycloak access token into the request's {@link CallerAuthentication}: its authorities mapped
 * as {@link KeycloakAuthoritiesConverter} does, its caller resolved once.
 */
class CallerAuthenticationConverter implements Converter<Jwt, CallerAuthentication> {

	private final KeycloakAuthoritiesConverter authorities;

	private final CallerTiers tiers;

	CallerAuthenticationConverter(KeycloakAuthoritiesConverter authorities, CallerTiers tiers) {
		this.authorities = authorities;
		this.tiers = tiers;
	}

	@Override
	public CallerAuthentication convert(Jwt token) {
		return new CallerAuthentication(token, this.authorities.convert(token), this.tiers);
	}

}
