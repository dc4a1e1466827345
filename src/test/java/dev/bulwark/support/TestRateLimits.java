package dev.bulwark.support;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Rate limits for the test run. Real tokens from Keycloak get the {@code default} tier, set high enough for the
 * whole suite; the rate-limit tests use tokens with a {@code bulwark_tier} claim naming the small test tiers, and
 * a client address of their own. The loopback address is a trusted proxy, as a load balancer would be. The
 * fleet-wide quota is on, so that the Boot app and the Lambda handler of a test run count as two instances of one
 * fleet.
 */
public class TestRateLimits implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	public static final int SMALL = 3;

	public static final int LARGE = 6;

	public static final int LARGE_ORDERS = 2;

	public static final int WINDOW_SECONDS = 4;

	public static final int UNAUTHENTICATED = 10;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("bulwarkTestRateLimits", Map.copyOf(properties())));
	}

	static void applyAsSystemProperties() {
		properties().forEach(System::setProperty);
	}

	static Map<String, String> properties() {
		String window = WINDOW_SECONDS + "s";
		return Map.ofEntries(Map.entry("bulwark.rate-limit.tiers.default.limit", "1000000"),
				Map.entry("bulwark.rate-limit.tiers.default.period", "1m"),
				Map.entry("bulwark.rate-limit.tiers.reporting.limit", "1000000"),
				Map.entry("bulwark.rate-limit.tiers.reporting.period", "1m"),
				Map.entry("bulwark.rate-limit.tiers.small.limit", Integer.toString(SMALL)),
				Map.entry("bulwark.rate-limit.tiers.small.period", window),
				Map.entry("bulwark.rate-limit.tiers.large.limit", Integer.toString(LARGE)),
				Map.entry("bulwark.rate-limit.tiers.large.period", window),
				Map.entry("bulwark.rate-limit.routes[0].method", "POST"),
				Map.entry("bulwark.rate-limit.routes[0].path", "/orders"),
				Map.entry("bulwark.rate-limit.routes[0].tiers.large.limit", Integer.toString(LARGE_ORDERS)),
				Map.entry("bulwark.rate-limit.routes[0].tiers.large.period", window),
				Map.entry("bulwark.rate-limit.unauthenticated.limit", Integer.toString(UNAUTHENTICATED)),
				Map.entry("bulwark.rate-limit.unauthenticated.period", "1m"),
				Map.entry("bulwark.web.trusted-proxies[0]", "127.0.0.1/32"),
				Map.entry("bulwark.web.trusted-proxies[1]", "::1/128"),
				Map.entry("bulwark.rate-limit.fleet.enabled", "true"));
	}

}
