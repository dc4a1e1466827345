package dev.bulwark.ratelimit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.bulwark.BulwarkApplication;
import dev.bulwark.support.LocalInfrastructure;
import dev.bulwark.support.Tokens;

/**
 * Throughput of one authenticated route ({@code GET /me}) on three instances of the app in this JVM, side by side:
 * rate limiting off, on (per instance), and on with the fleet quota (a DynamoDB Local write per request). After an
 * untimed warm-up of each, every round runs wrk against each instance in turn; prints requests per second, medians
 * and the ratios to "off". Run
 * it with {@code bench/rate-limit-overhead.sh}; it is a measurement, not a test.
 */
public final class RateLimitOverheadBenchmark {

	private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private RateLimitOverheadBenchmark() {
	}

	public static void main(String[] args) {
		try {
			run(args);
			System.exit(0);
		}
		catch (Exception ex) {
			ex.printStackTrace();
			System.exit(1);
		}
	}

	private static void run(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 3;
		String seconds = (args.length > 1) ? args[1] : "10";
		Map<String, Integer> instances = new LinkedHashMap<>();
		instances.put("off", start("false", "false"));
		instances.put("per-instance", start("true", "false"));
		instances.put("with-fleet-quota", start("true", "true"));
		String warmUpToken = Tokens.shared().user("alice");
		for (int port : instances.values()) {
			// Untimed: the first seconds of each instance measure the JIT compiler, not the code.
			wrk(port, warmUpToken, seconds);
		}
		Map<String, List<Double>> results = new LinkedHashMap<>();
		for (int round = 1; round <= rounds; round++) {
			String token = Tokens.shared().user("alice");
			for (Map.Entry<String, Integer> instance : instances.entrySet()) {
				double rate = wrk(instance.getValue(), token, seconds);
				results.computeIfAbsent(instance.getKey(), key -> new ArrayList<>()).add(rate);
				System.out.printf("round %d %-17s %8.0f requests/s%n", round, instance.getKey(), rate);
			}
		}
		double off = median(results.get("off"));
		for (Map.Entry<String, List<Double>> result : results.entrySet()) {
			System.out.printf("median %-17s %8.0f requests/s, %.2f of off%n", result.getKey(), median(result.getValue()),
					median(result.getValue()) / off);
		}
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

	private static double wrk(int port, String token, String seconds) throws IOException, InterruptedException {
		Process wrk = new ProcessBuilder("wrk", "-t2", "-c16", "-d" + seconds + "s", "-H", "Authorization: Bearer " + token,
				"http://127.0.0.1:" + port + "/me")
			.redirectErrorStream(true)
			.start();
		String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (wrk.waitFor() != 0 || output.contains("Non-2xx")) {
			throw new IllegalStateException("wrk saw failures:\n" + output);
		}
		Matcher rate = REQUESTS_PER_SECOND.matcher(output);
		if (!rate.find()) {
			throw new IllegalStateException("No rate in wrk's output:\n" + output);
		}
		return Double.parseDouble(rate.group(1));
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
