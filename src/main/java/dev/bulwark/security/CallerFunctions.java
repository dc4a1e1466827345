package dev.bulwark.security;

import java.util.function.Supplier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code me} function: who the token says the caller is.
 */
@Configuration(proxyBeanMethods = false)
class CallerFunctions {

	@Bean
	Supplier<CallerDescription> me(Callers callers) {
		return callers::describe;
	}

}
