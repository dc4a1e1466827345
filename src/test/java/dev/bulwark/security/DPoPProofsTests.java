package dev.bulwark.security;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.oauth2.jwt.DPoPProofReplayValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.bulwark.support.DPoPKey;
import dev.bulwark.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The proof checks on their own: no identity provider, an access token bound to the test key, and Spring Security's
 * in-memory record of used proofs, as a single instance runs.
 */
class DPoPProofsTests {

	private static final String URL = "https://api.example.com/orders";

	private static final Duration WINDOW = Duration.ofSeconds(30);

	/** On a whole second, as a proof's {@code iat} is. */
	private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

	private final DPoPKey key = DPoPKey.generate();

	private final Jwt token = Jwt.withTokenValue("header.payload.signature")
		.header("alg", "RS256")
		.claim("cnf", Map.of("jkt", this.key.thumbprint()))
		.build();

	private final DPoPProofs proofs = new DPoPProofs(WINDOW, replays(), this.clock);

	@Test
	void takesProofForTheRequest() {
		assertThatNoException()
			.isThrownBy(() -> verify(this.key.proof().method("POST").url(URL).accessToken(this.token.getTokenValue())
				.issuedAt(this.clock.instant()).sign(), "POST"));
	}

	@Test
	void takesAProofOncePerInstanceWithTheInMemoryRecord() {
		String proof = this.key.proof().method("GET").url(URL).accessToken(this.token.getTokenValue())
			.issuedAt(this.clock.instant()).sign();
		verify(proof, "GET");

		assertRefused(proof, "GET", AuthenticationFailure.PROOF_REPLAYED);
	}

	@Test
	void takesProofsAtTheEdgesOfTheWindowOnly() {
		Instant now = this.clock.instant();

		assertThatNoException().isThrownBy(() -> verify(proofMadeAt(now.minus(WINDOW)), "GET"));
		assertThatNoException().isThrownBy(() -> verify(proofMadeAt(now.plus(WINDOW)), "GET"));
		assertRefused(proofMadeAt(now.minus(WINDOW).minusSeconds(1)), "GET", AuthenticationFailure.PROOF_STALE);
		assertRefused(proofMadeAt(now.plus(WINDOW).plusSeconds(1)), "GET", AuthenticationFailure.PROOF_STALE);
	}

	@Test
	void proofOfAnotherKeyIsRefusedBeforeItsSignatureIsVerified() {
		String proof = DPoPKey.generate().proof().method("GET").url(URL).accessToken(this.token.getTokenValue())
			.issuedAt(this.clock.instant()).sign();
		String unverifiable = proof.substring(0, proof.lastIndexOf('.') + 1) + "AAAA";

		assertRefused(unverifiable, "GET", AuthenticationFailure.PROOF_WRONG_KEY);
	}

	@Test
	void proofNamingTheBoundKeyButSignedByAnotherIsRefused() {
		assertRefused(DPoPKey.generate().proof().method("GET").url(URL).accessToken(this.token.getTokenValue())
			.issuedAt(this.clock.instant()).headerKey(this.key).sign(), "GET", AuthenticationFailure.PROOF_INVALID);
	}

	@Test
	void methodIsCaseSensitive() {
		assertRefused(this.key.proof().method("get").url(URL).accessToken(this.token.getTokenValue())
			.issuedAt(this.clock.instant()).sign(), "GET", AuthenticationFailure.PROOF_WRONG_METHOD);
	}

	@Test
	void refusedProofLeavesNoRecordSoTheRightOneIsStillTaken() {
		String id = "the-same-jti";
		assertRefused(this.key.proof().method("GET").url(URL + "/other").accessToken(this.token.getTokenValue())
			.issuedAt(this.clock.instant()).id(id).sign(), "GET", AuthenticationFailure.PROOF_WRONG_URL);

		assertThatNoException().isThrownBy(() -> verify(this.key.proof().method("GET").url(URL)
			.accessToken(this.token.getTokenValue()).issuedAt(this.clock.instant()).id(id).sign(), "GET"));
	}

	@ParameterizedTest
	@CsvSource({ "https://api.example.com/orders, true", "HTTPS://API.Example.COM/orders, true",
			"https://api.example.com:443/orders, true", "https://api.example.com/orders?page=2, true",
			"https://api.example.com/orders#top, true", "https://api.example.com/Orders, false",
			"http://api.example.com/orders, false", "https://api.example.com:8443/orders, false",
			"https://other.example.com/orders, false", "https://user@api.example.com/orders, false",
			"/orders, false", "https://api.example.com/orders/, false", "'https://api.example.com/ord ers', false" })
	void htuNamesTheSameResourceAfterNormalization(String htu, boolean same) {
		assertThat(DPoPProofs.sameResource(htu, URL)).isEqualTo(same);
	}

	@Test
	void emptyPathIsTheRoot() {
		assertThat(DPoPProofs.sameResource("https://api.example.com", "https://api.example.com/")).isTrue();
	}

	private String proofMadeAt(Instant issuedAt) {
		return this.key.proof().method("GET").url(URL).accessToken(this.token.getTokenValue()).issuedAt(issuedAt)
			.sign();
	}

	private void verify(String proof, String method) {
		this.proofs.verify(proof, this.token, method, URL);
	}

	private void assertRefused(String proof, String method, AuthenticationFailure reason) {
		assertThatThrownBy(() -> verify(proof, method)).isInstanceOfSatisfying(RejectedTokenException.class,
				refused -> assertThat(refused.reason()).isEqualTo(reason));
	}

	private DPoPProofReplayValidator replays() {
		DPoPProofReplayValidator replays = new DPoPProofReplayValidator(new DPoPProofReplayValidator.InMemoryCache());
		replays.setClockSkew(WINDOW);
		replays.setClock(this.clock);
		return replays;
	}

}
