package dev.bulwark.audit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The header allow-list of the audit line can never be made to log credentials.
 */
class AuditPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Properties.class);

	@Test
	void defaultAllowListNamesNoCredentials() {
		this.context.run(started -> assertThat(started.getBean(AuditProperties.class).headers())
			.contains("Content-Type", "Idempotency-Key")
			.allSatisfy(name -> assertThat(AuditProperties.NEVER_LOGGED).doesNotContain(name.toLowerCase())));
	}

	@Test
	void listingACredentialHeaderStopsTheStart() {
		for (String header : new String[] { "Authorization", "cookie", "DPoP", "X-Api-Key" }) {
			this.context.withPropertyValues("bulwark.audit.headers=Accept," + header)
				.run(started -> assertThat(started).as(header)
					.getFailure()
					.rootCause()
					.hasMessageContaining("must not name a header that carries credentials"));
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AuditProperties.class)
	static class Properties {

	}

}
