package dev.bulwark.security;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.security.oauth2.jwt.DPoPProofReplayValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.bulwark.support.DPoPKey;

/**
 * CPU time per DPoP proof the API checks ({@link DPoPProofs}: signature, claims, the in-memory record of used
 * proofs), on this thread, by the algorithm the client signs with: ES256 (EC P-256, what most clients use) and
 * PS256 (RSA 2048). Each round checks proofs of a new key, made before the round; medians of several rounds. Run it
 * with {@code bench/dpop-proof-cpu.sh}; a measurement, not a test.
 */
public final class DPoPProofCostBenchmark {

	private static final String URL = "https://api.example.com/me";

	private DPoPProofCostBenchmark() {
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		int proofs = (args.length > 1) ? Integer.parseInt(args[1]) : 500;
		System.out.println("Java " + System.getProperty("java.version"));
		report("ES256 (EC P-256)", rounds, proofs, DPoPKey::generate);
		report("PS256 (RSA 2048)", rounds, proofs, DPoPKey::generateRsa);
	}

	private static void report(String what, int rounds, int count, Supplier<DPoPKey> keys) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		List<Double> micros = new ArrayList<>();
		// The first round warms the JIT compiler up and is not counted.
		for (int round = 0; round <= rounds; round++) {
			DPoPKey key = keys.get();
			Jwt token = Jwt.withTokenValue("header.payload.signature")
				.header("alg", "RS256")
				.claim("cnf", Map.of("jkt", key.thumbprint()))
				.build();
			DPoPProofReplayValidator replays = new DPoPProofReplayValidator(new DPoPProofReplayValidator.InMemoryCache());
			DPoPProofs checks = new DPoPProofs(Duration.ofSeconds(30), replays, Clock.systemUTC());
			List<String> proofs = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				proofs.add(key.proof("GET", URL, token.getTokenValue()));
			}
			long start = threads.getCurrentThreadCpuTime();
			for (String proof : proofs) {
				checks.verify(proof, token, "GET", URL);
			}
			if (round > 0) {
				micros.add((threads.getCurrentThreadCpuTime() - start) / 1000.0 / count);
			}
		}
		List<Double> sorted = micros.stream().sorted().toList();
		System.out.printf("%-18s median %7.1f µs CPU per proof (min %.1f, max %.1f, %d rounds of %d)%n", what,
				sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), rounds, count);
	}

}
