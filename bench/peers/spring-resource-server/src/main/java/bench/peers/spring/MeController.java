package bench.peers.spring;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /me}: a few claims of the caller's token.
 */
@RestController
class MeController {

	@GetMapping("/me")
	Map<String, Object> me(@AuthenticationPrincipal Jwt jwt) {
		Map<String, Object> me = new LinkedHashMap<>();
		me.put("subject", jwt.getSubject());
		me.put("username", jwt.getClaimAsString("preferred_username"));
		me.put("clientId", jwt.getClaimAsString("azp"));
		me.put("scopes", jwt.getClaimAsString("scope"));
		return me;
	}

}
