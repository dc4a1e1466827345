package dev.bulwark.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.bulwark.BulwarkApplication;
import dev.bulwark.support.LocalInfrastructure;
import dev.bulwark.support.SideBySide;

/**
 * Throughput of {@code GET /me} with one caller's token on two instances of the app in this JVM, compared
 * {@link SideBySide}: every token verified, and accepted tokens cached (the default). Run it with
 * {@code bench/token-cache.sh}; it is a measurement, not a test.
 */
public final class TokenCacheBenchmark {

	private TokenCacheBenchmark() {
	}

	public static void main(String[] args) {
		SideBySide.run(args, instances -> {
			instances.put("verify-every-time", start(0));
			instances.put("cached", start(1000));
		});
	}

	private static int start(int maxEntries) {
		SpringApplication application = new SpringApplication(BulwarkApplication.class);
		application.addInitializers(new LocalInfrastructure());
		ConfigurableApplicationContext context = application.run("--server.port=0", "--logging.level.root=WARN",
				"--bulwark.security.token-cache.max-entries=" + maxEntries,
				"--bulwark.rate-limit.tiers.default.limit=1000000", "--bulwark.rate-limit.tiers.default.period=1m");
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
