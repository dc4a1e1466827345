package dev.bulwark.web;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP settings.
 *
 * @param maxRequestBodySize larger request bodies are refused with 413 before anything reads them
 * @param publicHost the host clients reach the Boot app on over HTTPS (behind a load balancer, say); when set,
 * absolute URLs the API writes use it instead of the request's {@code Host} header, which the client chooses
 * @param publicPathPrefix a path the load balancer puts in front of the API's paths, if any
 */
@Validated
@ConfigurationProperties("bulwark.web")
record WebProperties(@DefaultValue("16KB") @NotNull DataSize maxRequestBodySize, @Nullable String publicHost,
		@DefaultValue("") String publicPathPrefix) {
}
