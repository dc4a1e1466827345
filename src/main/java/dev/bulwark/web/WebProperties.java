package dev.bulwark.web;

import java.util.List;

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
 * @param allowedHosts without a public host, the only hosts (names or addresses, any port) the Boot app answers
 * for, so that absolute URLs can only ever name one of them; a request for any other host is refused with 400. The
 * default, loopback only, serves the local run and refuses everything else until a public host is set
 * @param trustedProxies proxies (CIDR) whose {@code X-Forwarded-For} names the client; nobody else's is believed
 */
@Validated
@ConfigurationProperties("bulwark.web")
record WebProperties(@DefaultValue("16KB") @NotNull DataSize maxRequestBodySize, @Nullable String publicHost,
		@DefaultValue("") String publicPathPrefix,
		@DefaultValue({ "localhost", "127.0.0.1", "[::1]" }) List<String> allowedHosts,
		@DefaultValue List<String> trustedProxies) {
}
