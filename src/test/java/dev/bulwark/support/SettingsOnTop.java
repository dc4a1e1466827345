package dev.bulwark.support;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Settings that take precedence over every other source, for a test class whose application must differ from the
 * shared one (a dependency reached through a {@link FaultyLink}, say). List the subclass last among the
 * initializers, after {@link LocalInfrastructure}, so that it is applied last.
 */
public abstract class SettingsOnTop implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private final Map<String, Object> settings;

	protected SettingsOnTop(Map<String, String> settings) {
		this.settings = Map.copyOf(settings);
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource(getClass().getName(), this.settings));
	}

}
