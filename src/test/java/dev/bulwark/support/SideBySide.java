package dev.bulwark.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput of {@code GET /me} with a real token on instances of the app in one JVM, side by side: after two
 * untimed warm-up passes over all of them, every round runs wrk (loopback, 2 threads, 16 connections) against each
 * instance in turn; prints requests per second, each instance's ratio to the first one in the same round, and the
 * medians of both. Ratios within a round are what to read on a shared machine: a busy neighbour slows a whole
 * round, not one instance. For the benchmarks under {@code bench/}; a measurement, not a test.
 */
public final class SideBySide {

	private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private SideBySide() {
	}

	/**
	 * The whole benchmark, for its {@code main}: arguments {@code [rounds] [seconds per run]} (3 and 10 by default),
	 * the instances started by {@code start} (the port of each, by name, the baseline first), then the comparison;
	 * exits the JVM, which the instances' non-daemon threads would otherwise keep alive.
	 */
	public static void run(String[] args, Consumer<Map<String, Integer>> start) {
		try {
			int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 3;
			String seconds = (args.length > 1) ? args[1] : "10";
			Map<String, Integer> instances = new LinkedHashMap<>();
			start.accept(instances);
			compare(instances, rounds, seconds);
			System.exit(0);
		}
		catch (Exception ex) {
			ex.printStackTrace();
			System.exit(1);
		}
	}

	private static void compare(Map<String, Integer> instances, int rounds, String seconds)
			throws IOException, InterruptedException {
		String warmUpToken = Tokens.shared().user("alice");
		for (int pass = 0; pass < 2; pass++) {
			for (int port : instances.values()) {
				// Untimed: the first seconds of each instance measure the JIT compiler, not the code.
				wrk(port, warmUpToken, seconds);
			}
		}
		String baselineName = instances.keySet().iterator().next();
		Map<String, List<Double>> rates = new LinkedHashMap<>();
		Map<String, List<Double>> ratios = new LinkedHashMap<>();
		for (int round = 1; round <= rounds; round++) {
			String token = Tokens.shared().user("alice");
			double baseline = 0;
			for (Map.Entry<String, Integer> instance : instances.entrySet()) {
				double rate = wrk(instance.getValue(), token, seconds);
				baseline = instance.getKey().equals(baselineName) ? rate : baseline;
				rates.computeIfAbsent(instance.getKey(), key -> new ArrayList<>()).add(rate);
				ratios.computeIfAbsent(instance.getKey(), key -> new ArrayList<>()).add(rate / baseline);
				System.out.printf("round %d %-19s %8.0f requests/s, %.2f of %s%n", round, instance.getKey(), rate,
						rate / baseline, baselineName);
			}
		}
		for (String name : instances.keySet()) {
			System.out.printf("median %-19s %8.0f requests/s, %.2f of %s in the same round%n", name,
					median(rates.get(name)), median(ratios.get(name)), baselineName);
		}
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
