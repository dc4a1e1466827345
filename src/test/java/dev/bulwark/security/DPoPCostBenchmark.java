package dev.bulwark.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.bulwark.BulwarkApplication;
import dev.bulwark.support.DPoPKey;
import dev.bulwark.support.DevRealm;
import dev.bulwark.support.LocalInfrastructure;
import dev.bulwark.support.SideBySide;
import dev.bulwark.support.Tokens;

/**
 * Throughput of {@code GET /me} for the reporting service account compared {@link SideBySide}: with a bearer token,
 * and with DPoP-bound tokens and a proof per request, signed with ES256 or PS256, on an instance that records used
 * proofs in memory and one that records them in DynamoDB Local (a conditional write per request). Each DPoP run
 * gets proofs made just before it, enough for its length, so that signing them is not measured. Run it with
 * {@code bench/dpop-cost.sh}; it is a measurement, not a test.
 */
public final class DPoPCostBenchmark {

	/** Proofs made per second of a run: more than an instance answers with DPoP on this machine's two cores. */
	private static final int PROOFS_PER_SECOND = 10_000;

	/**
	 * Keys the proofs are spread over: Spring Security's in-memory record takes at most 1 000 live proofs per key
	 * (a guard against one client filling it), far above any tier's limit but not above a benchmark's.
	 */
	private static final int KEYS = 200;

	private static final String CLIENT = DevRealm.REPORTING_CLIENT;

	private DPoPCostBenchmark() {
	}

	public static void main(String[] args) {
		SideBySide.runLoads(args, loads -> {
			int inMemory = start("");
			int dynamoDb = start("bulwark-dpop-proofs");
			loads.put("bearer", seconds -> SideBySide.wrk(seconds, url(inMemory), Map.of(), "-H",
					"Authorization: Bearer " + Tokens.shared().client(CLIENT)));
			List<DPoPKey> ec = Stream.generate(DPoPKey::generate).limit(KEYS).toList();
			List<DPoPKey> rsa = Stream.generate(DPoPKey::generateRsa).limit(KEYS).toList();
			loads.put("dpop-es256-memory", seconds -> dpop(inMemory, ec, seconds));
			loads.put("dpop-ps256-memory", seconds -> dpop(inMemory, rsa, seconds));
			loads.put("dpop-es256-dynamodb", seconds -> dpop(dynamoDb, ec, seconds));
		});
	}

	private static double dpop(int port, List<DPoPKey> keys, String seconds) throws IOException, InterruptedException {
		if (Integer.parseInt(seconds) > 5) {
			// Making a run's proofs takes up to 6 s per second of it (PS256): longer, and the first would be stale.
			throw new IllegalArgumentException("A run must end before its first proofs are 60 s old: 5 s at most");
		}
		List<String> tokens = keys.stream().map(key -> Tokens.shared().clientWithDPoP(CLIENT, key)).toList();
		// On every core: signing them one by one would take longer than they stay fresh.
		List<String> proofs = IntStream.range(0, PROOFS_PER_SECOND * Integer.parseInt(seconds))
			.parallel()
			.mapToObj(i -> {
				String token = tokens.get(i % KEYS);
				return token + " " + keys.get(i % KEYS).proof("GET", url(port), token);
			})
			.toList();
		Path file = Files.createTempFile("dpop-proofs", ".txt");
		try {
			Files.write(file, proofs);
			return SideBySide.wrk(seconds, url(port),
					Map.of("DPOP_PROOFS", file.toString(), "DPOP_THREADS", "2"), "-s",
					"bench/dpop-proofs.lua");
		}
		finally {
			Files.delete(file);
		}
	}

	private static String url(int port) {
		return "http://127.0.0.1:" + port + "/me";
	}

	private static int start(String replayTable) {
		SpringApplication application = new SpringApplication(BulwarkApplication.class);
		application.addInitializers(new LocalInfrastructure(),
				context -> context.getEnvironment()
					.getPropertySources()
					.addFirst(new MapPropertySource("bench", Map.of("bulwark.security.dpop.replay-table", replayTable))));
		// A proof may be a minute old, so that a run's proofs can all be made before it: the window is one comparison,
		// whatever its length.
		ConfigurableApplicationContext context = application.run("--server.port=0", "--logging.level.root=WARN",
				"--bulwark.rate-limit.tiers.reporting.limit=1000000", "--bulwark.rate-limit.tiers.reporting.period=1m",
				"--bulwark.security.dpop.proof-window=60s");
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
