package dev.bulwark.lambda;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.bulwark.support.PackagedLambda;
import dev.bulwark.support.Tokens;

/**
 * Cold start of the packaged function, the way Lambda pays it without SnapStart: a fresh JVM per run that
 * constructs the handler, then answers the first authenticated API Gateway event ({@code GET /me} with a real
 * Keycloak token, so JWKS discovery and signature checking are included). Prints each run and the medians. Run it
 * with {@code bench/lambda-cold-start.sh}; it is a measurement, not a test.
 */
public final class ColdStartBenchmark {

	private ColdStartBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		Path work = Files.createTempDirectory("bulwark-cold-start");
		Path unpacked = PackagedLambda.unpack(work.resolve("package"));
		List<Long> construction = new ArrayList<>();
		List<Long> firstResponse = new ArrayList<>();
		List<Long> total = new ArrayList<>();
		for (int i = 1; i <= runs; i++) {
			String token = Tokens.shared().user("alice");
			PackagedLambda.Run run = PackagedLambda.run(unpacked, work,
					List.of(PackagedLambda.httpApiEvent("GET", "/me", token)));
			if (run.responses().get(0).get("statusCode").asInt() != 200) {
				throw new IllegalStateException("The first request failed:\n" + run.output());
			}
			construction.add(run.millis().get(0));
			firstResponse.add(run.millis().get(1));
			total.add(run.millis().get(0) + run.millis().get(1));
			System.out.printf("run %d: handler constructed in %d ms, first authenticated response after %d ms more%n", i,
					run.millis().get(0), run.millis().get(1));
		}
		System.out.printf("median of %d runs: construction %d ms, first authenticated response %d ms, together %d ms%n",
				runs, median(construction), median(firstResponse), median(total));
		System.exit(0);
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

}
