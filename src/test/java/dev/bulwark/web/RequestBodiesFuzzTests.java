package dev.bulwark.web;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.validation.Validator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.bulwark.order.PlaceOrder;
import dev.bulwark.order.StatusChange;

/**
 * Request bodies as the application reads them (its JSON mapper, configured by {@code application.yml} and
 * {@link JsonConfiguration}) into the request records, then validated: any text is a record or a refusal the API
 * answers with 400 (a Jackson exception, constraint violations), never another exception, which would be a 500.
 */
class RequestBodiesFuzzTests {

	private static final JsonMapper JSON;

	private static final Validator VALIDATOR;

	static {
		JsonMapper[] mapper = new JsonMapper[1];
		new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.withUserConfiguration(JsonConfiguration.class)
			.run(context -> mapper[0] = context.getBean(JsonMapper.class));
		JSON = mapper[0];
		// Built here rather than taken from that context, whose message source is gone once it closes.
		LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
		validator.afterPropertiesSet();
		VALIDATOR = validator;
	}

	@FuzzTest(maxDuration = "5m")
	void anyBodyIsAnOrderOrARefusal(FuzzedDataProvider data) {
		read(data.consumeRemainingAsString(), PlaceOrder.class);
	}

	@FuzzTest(maxDuration = "5m")
	void anyBodyIsAStatusChangeOrARefusal(FuzzedDataProvider data) {
		read(data.consumeRemainingAsString(), StatusChange.class);
	}

	private static void read(String body, Class<?> type) {
		Object value;
		try {
			value = JSON.readValue(body, type);
		}
		catch (JacksonException refused) {
			return;
		}
		if (value != null) {
			VALIDATOR.validate(value);
		}
	}

}
