package dev.bulwark.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.module.SimpleModule;

/**
 * Strict JSON for everything the application's JSON mapper reads: request bodies, the expiry function's
 * EventBridge events (Spring Cloud Function builds its mapper from this one) and page cursors. It refuses two
 * things that RFC 7493 (I-JSON) rules out and Jackson accepts: duplicate property names and unpaired surrogates.
 * The other read settings are in {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

	/**
	 * Duplicate property names are refused because parsers disagree about them: Jackson keeps the last value,
	 * others the first, so a duplicate could carry one value past a gateway or validator and another to us.
	 * Spring Boot 4.0 has no property for stream read features.
	 */
	@Bean
	JsonMapperBuilderCustomizer strictJson() {
		return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.addModule(new SimpleModule("well-formed-strings").addDeserializer(String.class,
					new WellFormedStringDeserializer()));
	}

}
