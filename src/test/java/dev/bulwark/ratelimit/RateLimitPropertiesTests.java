package dev.bulwark.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tier names end up in log lines and metric dimensions as they are, so only plain names start.
 */
class RateLimitPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Properties.class)
		.withPropertyValues("bulwark.rate-limit.tiers.default.limit=10", "bulwark.rate-limit.tiers.default.period=1m",
				"bulwark.rate-limit.unauthenticated.limit=5", "bulwark.rate-limit.unauthenticated.period=1m");

	@Test
	void plainTierNamesStart() {
		this.context.withPropertyValues("bulwark.rate-limit.tiers.gold-2.limit=20",
				"bulwark.rate-limit.tiers.gold-2.period=1m")
			.run(started -> assertThat(started).hasNotFailed());
	}

	@Test
	void tierNameThatNoMetricDimensionTakesStopsTheStart() {
		this.context.withPropertyValues("bulwark.rate-limit.tiers[gold plan].limit=20",
				"bulwark.rate-limit.tiers[gold plan].period=1m")
			.run(started -> assertThat(started).getFailure()
				.rootCause()
				.hasMessageContaining("a tier name is 1 to 64 of a-z 0-9 . _ -"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RateLimitProperties.class)
	static class Properties {

	}

}
