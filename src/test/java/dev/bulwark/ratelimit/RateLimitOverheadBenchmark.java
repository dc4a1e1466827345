package dev.bulwark.ratelimit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.bulwark.BulwarkApplication;
import dev.bulwark.support.LocalInfrastructure;
import dev.bulwark.support.SideBySide;

/**
 * Throughput of one authenticated route ({@code GET /me}) on three instances of the app in this JVM, compared
 * {@link SideBySide}: rate limiting off, on (per instance), and on with the fleet quota (on DynamoDB Local, a write
 * per batch of permits leased). Run it with {@code bench/rate-limit-overhead.sh}; it is a measurement, not a test.
 */
public final class RateLimitOverheadBenchmark {

	private RateLimitOverheadBenchmark() {
	}

	public static void main(String[] args) {
		SideBySide.run(args, instances -> {
			instances.put("off", start("false", "false"));
			instances.put("per-instance", start("true", "false"));
			instances.put("with-fleet-quota", start("true", "true"));
		});
	}

	private static int start(String rateLimits, String fleetQuota) {
		SpringApplication application = new SpringApplication(BulwarkApplication.class);
		application.addInitializers(new LocalInfrastructure());
		// A limit no run reaches: what is measured is the limiter's work, not its refusals.
		ConfigurableApplicationContext context = application.run("--server.port=0", "--logging.level.root=WARN",
				"--bulwark.rate-limit.enabled=" + rateLimits, "--bulwark.rate-limit.fleet.enabled=" + fleetQuota,
				"--bulwark.rate-limit.tiers.default.limit=1000000", "--bulwark.rate-limit.tiers.default.period=1m");
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
