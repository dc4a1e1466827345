package dev.bulwark.ratelimit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * CPU time per junk token, on this thread, for the two ways a token with a forged signature can be refused: by
 * verifying it (an address within its allowance of failed authentications), or unverified (an address over it,
 * the token unknown and its claimed caller too), next to verifying a valid token. A 2048-bit RS256 key, as
 * Keycloak's; medians of several rounds. Run it with {@code bench/junk-token-cost.sh}; a measurement, not a test.
 */
public final class JunkTokenCostBenchmark {

	private JunkTokenCostBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		int tokens = (args.length > 1) ? Integer.parseInt(args[1]) : 20_000;
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair key = generator.generateKeyPair();
		JwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) key.getPublic()).build();
		String valid = sign(key);
		String forged = valid.substring(0, valid.lastIndexOf('.')) + sign(key).substring(valid.lastIndexOf('.'));
		KnownCallers known = new KnownCallers(100_000, Duration.ofHours(24), Clock.systemUTC());

		report("refused unverified (address over its allowance)", rounds, tokens, token -> {
			if (known.knowsToken(token) || known.knownClaimedCaller(token) != null) {
				throw new IllegalStateException("a stranger's token must not be known");
			}
		}, forged);
		report("refused by verification (bad signature)", rounds, tokens, token -> {
			try {
				decoder.decode(token);
				throw new IllegalStateException("a forged signature must not verify");
			}
			catch (JwtException expected) {
				// refused, as it must be
			}
		}, forged);
		report("valid token verified", rounds, tokens, decoder::decode, valid);
	}

	private static void report(String what, int rounds, int tokens, Consumer<String> refuse, String token) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (int i = 0; i < tokens; i++) {
			refuse.accept(token);
		}
		List<Double> micros = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			long start = threads.getCurrentThreadCpuTime();
			for (int i = 0; i < tokens; i++) {
				refuse.accept(token);
			}
			micros.add((threads.getCurrentThreadCpuTime() - start) / 1000.0 / tokens);
		}
		List<Double> sorted = micros.stream().sorted().toList();
		System.out.printf("%-50s median %7.2f µs CPU per token (min %.2f, max %.2f, %d rounds of %d)%n", what,
				sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), rounds, tokens);
	}

	private static String sign(KeyPair key) throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://keycloak.example/realms/bulwark")
			.subject(UUID.randomUUID().toString())
			.audience("bulwark-api")
			.claim("azp", "bulwark-web")
			.claim("typ", "Bearer")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(), claims);
		jwt.sign(new RSASSASigner(key.getPrivate()));
		return jwt.serialize();
	}

}
