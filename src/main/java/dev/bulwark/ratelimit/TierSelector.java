package dev.bulwark.ratelimit;

import java.util.Map;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Picks a client's tier from its token: the tier claim if it names a configured tier, else the first configured
 * role the client holds, else {@code default}. Both come from the identity provider; nothing the client sends
 * besides its token plays a part.
 */
class TierSelector {

	private final String tierClaim;

	private final Map<String, String> roleTiers;

	private final Map<String, ?> tiers;

	TierSelector(String tierClaim, Map<String, String> roleTiers, Map<String, ?> tiers) {
		this.tierClaim = tierClaim;
		this.roleTiers = roleTiers;
		this.tiers = tiers;
	}

	String select(JwtAuthenticationToken token) {
		if (token.getToken().getClaims().get(this.tierClaim) instanceof String claimed && this.tiers.containsKey(claimed)) {
			return claimed;
		}
		for (Map.Entry<String, String> roleTier : this.roleTiers.entrySet()) {
			String authority = "ROLE_" + roleTier.getKey();
			if (token.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(authority::equals)) {
				return roleTier.getValue();
			}
		}
		return RateLimitProperties.DEFAULT_TIER;
	}

}
