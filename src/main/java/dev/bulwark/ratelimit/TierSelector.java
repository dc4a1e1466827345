package dev.bulwark.ratelimit;

import java.util.Map;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

import dev.bulwark.security.CallerTiers;

/**
 * Picks a client's tier from its token: the tier claim if it names a configured tier, else the first configured
 * role the client holds, else {@code default}. Both come from the identity provider; nothing the client sends
 * besides its token plays a part.
 */
class TierSelector implements CallerTiers {

	private final String tierClaim;

	private final Map<String, String> roleTiers;

	private final Map<String, ?> tiers;

	TierSelector(String tierClaim, Map<String, String> roleTiers, Map<String, ?> tiers) {
		this.tierClaim = tierClaim;
		this.roleTiers = roleTiers;
		this.tiers = tiers;
	}

	@Override
	public String tierOf(Jwt token, Set<String> roles) {
		if (token.getClaims().get(this.tierClaim) instanceof String claimed && this.tiers.containsKey(claimed)) {
			return claimed;
		}
		for (Map.Entry<String, String> roleTier : this.roleTiers.entrySet()) {
			if (roles.contains(roleTier.getKey())) {
				return roleTier.getValue();
			}
		}
		return CallerTiers.DEFAULT;
	}

}
