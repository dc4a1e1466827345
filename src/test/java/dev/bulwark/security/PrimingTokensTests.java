package dev.bulwark.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PrimingTokensTests {

	private static final JwtDecoders.Checks CHECKS = new JwtDecoders.Checks("https://idp.example/realms/bulwark",
			List.of("bulwark-api"), List.of("RS256"), "Bearer", "DPoP", List.of("bulwark-web", "bulwark-reporting"),
			Duration.ofSeconds(30));

	private final PrimingTokens priming = new PrimingTokens(CHECKS, "bulwark-api", Clock.systemUTC());

	private final List<String> askedTheApplication = new ArrayList<>();

	private final JwtDecoder decoder = this.priming.around((token) -> {
		this.askedTheApplication.add(token);
		throw new BadJwtException("not the issuer's");
	});

	@Test
	void primingTokenIsACustomerOfTheConfiguredIssuerAudienceAndClient() {
		AtomicReference<Jwt> decoded = new AtomicReference<>();

		this.priming.withCustomerToken((token) -> decoded.set(this.decoder.decode(token)));

		Jwt jwt = decoded.get();
		assertThat(jwt.getIssuer()).hasToString(CHECKS.issuer());
		assertThat(jwt.getAudience()).containsExactly("bulwark-api");
		assertThat(jwt.getSubject()).isEqualTo(PrimingTokens.SUBJECT);
		assertThat(jwt.getClaimAsString("azp")).isEqualTo("bulwark-web");
		assertThat(new KeycloakAuthoritiesConverter("bulwark-api").convert(jwt)).extracting(GrantedAuthority::getAuthority)
			.contains("ROLE_" + Roles.CUSTOMER);
		assertThat(this.askedTheApplication).isEmpty();
	}

	@Test
	void primingTokenIsWorthNothingOncePrimingIsOver() {
		AtomicReference<String> token = new AtomicReference<>();

		this.priming.withCustomerToken(token::set);

		assertThat(this.priming.priming()).isFalse();
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode(token.get()));
		assertThat(this.askedTheApplication).containsExactly(token.get());
	}

	@Test
	void primingEndsEvenWhenItsRequestsFail() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.priming.withCustomerToken((token) -> {
				throw new IllegalStateException("priming request failed");
			}));

		assertThat(this.priming.priming()).isFalse();
	}

	@Test
	void whilePrimingOnlyThePrimingKeyIsTrusted() {
		this.priming.withCustomerToken((token) -> {
			assertThat(this.priming.priming()).isTrue();
			String sameClaimsOtherKey = resign(token);

			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode(sameClaimsOtherKey));
		});
		assertThat(this.askedTheApplication).isEmpty();
	}

	private static String resign(String token) {
		try {
			SignedJWT original = SignedJWT.parse(token);
			SignedJWT copy = new SignedJWT(original.getHeader(), original.getJWTClaimsSet());
			copy.sign(new RSASSASigner(new RSAKeyGenerator(2048).keyID(original.getHeader().getKeyID()).generate()));
			return copy.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
