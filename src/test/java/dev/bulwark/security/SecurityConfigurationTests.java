package dev.bulwark.security;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityConfigurationTests {

	private final SecurityConfiguration configuration = new SecurityConfiguration();

	@Test
	void corsAllowsNoOriginUnlessConfigured() {
		CorsConfigurationSource cors = this.configuration.corsConfigurationSource(properties(List.of()));

		assertThat(cors.getCorsConfiguration(new MockHttpServletRequest("GET", "/orders"))).isNull();
	}

	@Test
	void corsAllowsExactlyTheConfiguredOrigins() {
		CorsConfigurationSource cors = this.configuration.corsConfigurationSource(properties(List.of("https://shop.example")));

		CorsConfiguration config = cors.getCorsConfiguration(new MockHttpServletRequest("GET", "/orders"));

		assertThat(config).isNotNull();
		assertThat(config.checkOrigin("https://shop.example")).isEqualTo("https://shop.example");
		assertThat(config.checkOrigin("https://evil.example")).isNull();
		assertThat(config.getAllowCredentials()).isFalse();
		assertThat(config.checkHeaders(List.of("Authorization", "DPoP", "Idempotency-Key"))).hasSize(3);
	}

	private static ApiSecurityProperties properties(List<String> corsAllowedOrigins) {
		return new ApiSecurityProperties("bulwark-api", "Bearer", List.of("bulwark-web"), Duration.ofSeconds(30),
				Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1), corsAllowedOrigins,
				new ApiSecurityProperties.TokenCache(1000, Duration.ofMinutes(5)), false, List.of(),
				new ApiSecurityProperties.Dpop("DPoP", List.of(), Duration.ofSeconds(30), null));
	}

}
