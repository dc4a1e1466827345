package dev.bulwark.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * {@code @PreAuthorize} on the services, in every runtime: the HTTP API, the Lambda handler and the scheduled
 * function alike; and the step-up policy, which services apply as well as the web filter chain.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class MethodSecurityConfiguration {

	@Bean
	StepUpPolicy stepUpPolicy(StepUpProperties properties) {
		return new StepUpPolicy(properties);
	}

}
