package dev.bulwark.security;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the resource server needs beyond Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.*}
 * (issuer, audiences, algorithms).
 *
 * @param resourceClient the Keycloak client whose client roles are the API's roles
 * @param requiredTokenType the {@code typ} claim an access token must carry; Keycloak marks access tokens
 * {@code Bearer} and ID tokens {@code ID}, so this refuses an ID token used as an access token
 * @param corsAllowedOrigins origins allowed to call the API from a browser; empty (the default) allows none
 */
@Validated
@ConfigurationProperties("bulwark.security")
record ApiSecurityProperties(@DefaultValue("bulwark-api") @NotBlank String resourceClient,
		@DefaultValue("Bearer") @NotBlank String requiredTokenType,
		@DefaultValue @NotNull List<String> corsAllowedOrigins) {
}
