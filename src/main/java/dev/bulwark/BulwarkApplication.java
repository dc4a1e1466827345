package dev.bulwark;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The orders API. A real {@code main}, so the same jar runs as a Spring Boot web app; the
 * business logic lives in function beans that the HTTP route table looks up by name.
 */
@SpringBootApplication(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class BulwarkApplication {

	public static void main(String[] args) {
		SpringApplication.run(BulwarkApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
