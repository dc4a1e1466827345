package dev.bulwark.audit;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

import dev.bulwark.BulwarkApplication;
import dev.bulwark.support.LocalInfrastructure;
import dev.bulwark.support.SideBySide;

/**
 * Throughput of one authenticated route ({@code GET /me}) on three instances of the app in this JVM, compared
 * {@link SideBySide}: without the audit filter (no audit line, no {@code bulwark.requests} timer) and without Spring
 * Security's observations; with the audit; and with the audit and Spring Security's observations, which Boot
 * switches on by default. Audit lines go to a file, as a production log goes somewhere; with
 * {@code -Daudit.level=WARN} they are not written, which tells the cost of writing them from the rest. Run it with
 * {@code bench/audit-overhead.sh}; it is a measurement, not a test.
 */
public final class AuditOverheadBenchmark {

	private AuditOverheadBenchmark() {
	}

	public static void main(String[] args) {
		SideBySide.run(args, instances -> {
			instances.put("no-audit", start(true, "false"));
			instances.put("audit", start(false, "false"));
			instances.put("audit+security-obs", start(false, "true"));
		});
	}

	private static int start(boolean withoutAudit, String securityObservations) {
		SpringApplication application = new SpringApplication(BulwarkApplication.class);
		if (withoutAudit) {
			application.addPrimarySources(List.of(WithoutAudit.class));
		}
		application.addInitializers(new LocalInfrastructure());
		// No rate limit any run reaches, and the audit lines into a file (every instance shares the JVM's logging).
		ConfigurableApplicationContext context = application.run("--server.port=0",
				"--spring.main.allow-bean-definition-overriding=true", "--logging.file.name=target/bench-audit.log",
				"--logging.threshold.console=OFF", "--logging.level.root=WARN",
				"--logging.level.bulwark.audit=" + System.getProperty("audit.level", "INFO"),
				"--management.observations.enable.spring.security=" + securityObservations,
				"--bulwark.rate-limit.tiers.default.limit=1000000", "--bulwark.rate-limit.tiers.default.period=1m");
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * Replaces the audit's filter with nothing. Not a {@code @Configuration}, so that component scanning (of the
	 * integration tests, say) never finds it.
	 */
	static class WithoutAudit {

		@Bean
		Customizer<HttpSecurity> requestAudit() {
			return http -> {
			};
		}

	}

}
