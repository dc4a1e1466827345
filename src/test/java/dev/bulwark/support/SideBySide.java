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
	 * One run of load against one instance, for as long as it is told.
	 */
	@FunctionalInterface
	public interface Load {

		/**
		 * @return the requests per second it achieved
		 */
		double run(String seconds) throws IOException, InterruptedException;

	}

	/**
	 * The whole benchmark, for its {@code main}: arguments {@code [rounds] [seconds per run]} (3 and 10 by default),
	 * the instances started by {@code start} (the port of each, by name, the baseline first), each loaded by wrk with
	 * a bearer token of alice's, then the comparison; exits the JVM, which the instances' non-daemon threads would
	 * otherwise keep alive.
	 */
	public static void run(String[] args, Consumer<Map<String, Integer>> start) {
		runLoads(args, loads -> {
			Map<String, Integer> ports = new LinkedHashMap<>();
			start.accept(ports);
			ports.forEach((name, port) -> loads.put(name,
					seconds -> wrk(seconds, "http://127.0.0.1:" + port + "/me", Map.of(), "-H",
							"Authorization: Bearer " + Tokens.shared().user("alice"))));
		});
	}

	/**
	 * Like {@link #run}, for loads of their own: by name, the baseline first.
	 */
	public static void runLoads(String[] args, Consumer<Map<String, Load>> start) {
		try {
			int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 3;
			String seconds = (args.length > 1) ? args[1] : "10";
			Map<String, Load> loads = new LinkedHashMap<>();
			start.accept(loads);
			compare(loads, rounds, seconds);
			System.exit(0);
		}
		catch (Exception ex) {
			ex.printStackTrace();
			System.exit(1);
		}
	}

	private static void compare(Map<String, Load> loads, int rounds, String seconds)
			throws IOException, InterruptedException {
		for (int pass = 0; pass < 2; pass++) {
			for (Load load : loads.values()) {
				// Untimed: the first seconds of each instance measure the JIT compiler, not the code.
				load.run(seconds);
			}
		}
		String baselineName = loads.keySet().iterator().next();
		Map<String, List<Double>> rates = new LinkedHashMap<>();
		Map<String, List<Double>> ratios = new LinkedHashMap<>();
		for (int round = 1; round <= rounds; round++) {
			double baseline = 0;
			for (Map.Entry<String, Load> load : loads.entrySet()) {
				double rate = load.getValue().run(seconds);
				baseline = load.getKey().equals(baselineName) ? rate : baseline;
				rates.computeIfAbsent(load.getKey(), key -> new ArrayList<>()).add(rate);
				ratios.computeIfAbsent(load.getKey(), key -> new ArrayList<>()).add(rate / baseline);
				System.out.printf("round %d %-19s %8.0f requests/s, %.2f of %s%n", round, load.getKey(), rate,
						rate / baseline, baselineName);
			}
		}
		for (String name : loads.keySet()) {
			System.out.printf("median %-19s %8.0f requests/s, %.2f of %s in the same round%n", name,
					median(rates.get(name)), median(ratios.get(name)), baselineName);
		}
	}

	/**
	 * wrk against {@code url} (loopback, 2 threads, 16 connections) with the further arguments and environment;
	 * fails on any answer but a 2xx.
	 */
	public static double wrk(String seconds, String url, Map<String, String> environment, String... arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c16", "-d" + seconds + "s"));
		command.addAll(List.of(arguments));
		command.add(url);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		Process wrk = builder.start();
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
