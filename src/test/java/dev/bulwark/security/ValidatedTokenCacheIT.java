package dev.bulwark.security;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.ContractTest;
import dev.bulwark.support.RealmSigner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In both runtimes, a token accepted once is not verified again while it is valid: counted as {@code cached} in
 * {@code bulwark.jwt.verifications}. (That a changed copy of it is still refused is in {@link TokenAttacksIT}.)
 */
class ValidatedTokenCacheIT extends ContractTest {

	@Test
	void tokenSentAgainIsNotVerifiedAgain() {
		RealmSigner signer = RealmSigner.shared();
		String token = signer.sign(signer.customerClaims(UUID.randomUUID().toString()).build());
		double verifiedBefore = verifications("valid");
		double cachedBefore = verifications("cached");

		ApiResponse first = me(token);
		ApiResponse second = me(token);

		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(second.body()).isEqualTo(first.body());
		// Each reading of a counter is a request too, with the admin's token, cached since the first reading: the
		// second reading of "cached" counts the repeated token, the reading of "valid" just before it, and itself.
		assertThat(verifications("valid") - verifiedBefore).isEqualTo(1.0);
		assertThat(verifications("cached") - cachedBefore).isEqualTo(3.0);
	}

	private ApiResponse me(String token) {
		return this.api.get("/me").token(token).send();
	}

	private double verifications(String outcome) {
		ApiResponse metric = this.api.get("/actuator/metrics/bulwark.jwt.verifications?tag=outcome:" + outcome)
			.token(this.tokens.userWithMfa(DAVE))
			.send();
		return (metric.status() == 404) ? 0 : metric.json().get("measurements").get(0).get("value").asDouble();
	}

}
