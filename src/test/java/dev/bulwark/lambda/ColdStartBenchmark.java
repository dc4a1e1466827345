package dev.bulwark.lambda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.bulwark.support.PackagedLambda;
import dev.bulwark.support.Tokens;

/**
 * Cold start of the packaged function, the way Lambda pays it without SnapStart: a fresh JVM per run that
 * constructs the handler, then answers the first authenticated API Gateway event ({@code GET /me} with a real
 * Keycloak token, so JWKS discovery and signature checking are included). Three ways side by side, taking turns in
 * each round: the JVM's defaults; the JVM options of {@code template.yaml}; those and the package's class-data
 * archive. Prints each run, the medians and the ratios to the defaults. Run it with
 * {@code bench/lambda-cold-start.sh}; it is a measurement, not a test.
 */
public final class ColdStartBenchmark {

	private ColdStartBenchmark() {
	}

	private record Way(String name, Map<String, String> environment, boolean classData) {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		Path work = Files.createTempDirectory("bulwark-cold-start");
		Path unpacked = PackagedLambda.unpack(work.resolve("package"));
		List<Way> ways = List.of(new Way("JVM defaults", Map.of("JAVA_TOOL_OPTIONS", ""), false),
				new Way("template JVM options", Map.of(), false),
				new Way("template JVM options and class-data archive", Map.of(), true));
		Map<Way, List<Long>> totals = new LinkedHashMap<>();
		Map<Way, List<Long>> constructions = new LinkedHashMap<>();
		ways.forEach((way) -> {
			totals.put(way, new ArrayList<>());
			constructions.put(way, new ArrayList<>());
		});
		for (int round = 1; round <= rounds; round++) {
			for (Way way : ways) {
				String token = Tokens.shared().user("alice");
				PackagedLambda.Run run = PackagedLambda.run(unpacked, work.resolve("run"),
						List.of(PackagedLambda.httpApiEvent("GET", "/me", token)), way.environment(), way.classData());
				if (run.responses().get(0).get("statusCode").asInt() != 200) {
					throw new IllegalStateException("The first request failed:\n" + run.output());
				}
				long construction = run.millis().get(0);
				long total = construction + run.millis().get(1);
				constructions.get(way).add(construction);
				totals.get(way).add(total);
				System.out.printf("round %d, %s: handler constructed in %d ms, first authenticated response after %d ms"
						+ " (%d ms)%n", round, way.name(), construction, run.millis().get(1), total);
			}
		}
		long defaults = median(totals.get(ways.get(0)));
		for (Way way : ways) {
			long total = median(totals.get(way));
			System.out.printf("median of %d, %s: construction %d ms, to the first authenticated response %d ms"
					+ " (%.2f of the JVM defaults)%n", rounds, way.name(), median(constructions.get(way)), total,
					(double) total / defaults);
		}
		System.exit(0);
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
