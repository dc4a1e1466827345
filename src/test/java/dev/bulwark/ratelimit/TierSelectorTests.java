package dev.bulwark.ratelimit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class TierSelectorTests {

	private final TierSelector tiers = new TierSelector("bulwark_tier", roleTiers(), Map.of("default", 1, "partner", 2,
			"internal", 3));

	@Test
	void tierClaimNamingAConfiguredTierWins() {
		assertThat(this.tiers.tierOf(token("partner"), Set.of("orders:read"))).isEqualTo("partner");
	}

	@Test
	void tierClaimNamingNoConfiguredTierIsIgnored() {
		assertThat(this.tiers.tierOf(token("platinum"), Set.of())).isEqualTo("default");
	}

	@Test
	void firstConfiguredRoleTheCallerHoldsSelectsTheTier() {
		assertThat(this.tiers.tierOf(token(null), Set.of("customer", "orders:read"))).isEqualTo("internal");
		assertThat(this.tiers.tierOf(token(null), Set.of("customer"))).isEqualTo("partner");
	}

	@Test
	void callerWithoutClaimOrTierRoleGetsTheDefaultTier() {
		assertThat(this.tiers.tierOf(token(null), Set.of("fulfillment"))).isEqualTo("default");
	}

	private static Map<String, String> roleTiers() {
		Map<String, String> roleTiers = new LinkedHashMap<>();
		roleTiers.put("orders:read", "internal");
		roleTiers.put("customer", "partner");
		return roleTiers;
	}

	private static Jwt token(String tier) {
		Jwt.Builder token = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject("f1c2")
			.issuedAt(Instant.parse("2026-11-30T08:00:00Z"))
			.expiresAt(Instant.parse("2026-11-30T08:05:00Z"));
		return (tier != null) ? token.claim("bulwark_tier", tier).build() : token.build();
	}

}
