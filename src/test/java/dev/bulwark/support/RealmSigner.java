package dev.bulwark.support;

import java.net.URI;
import java.net.http.HttpRequest;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs tokens with a key the realm trusts, so that the token-attack tests can vary one claim at a time (expired,
 * not yet valid, wrong audience, wrong issuer) while everything else about the token is valid.
 *
 * <p>The key is generated here and added to the realm over Keycloak's admin API as a <em>passive</em> RS256 key,
 * the state a key is in during rotation: Keycloak publishes it in the realm's JWKS but never signs with it, so the
 * tokens Keycloak issues are unaffected.
 */
public final class RealmSigner {

	private static final RealmSigner SHARED = register(KeycloakServer.shared());

	private final KeycloakServer keycloak;

	private final RSAKey key;

	private RealmSigner(KeycloakServer keycloak, RSAKey key) {
		this.keycloak = keycloak;
		this.key = key;
	}

	public static RealmSigner shared() {
		return SHARED;
	}

	/**
	 * Claims of a valid access token for a customer, as Keycloak would issue them through {@code bulwark-web}.
	 */
	public JWTClaimsSet.Builder customerClaims(String subject) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(this.keycloak.issuer(DevRealm.NAME))
			.audience("bulwark-api")
			.subject(subject)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString())
			.claim("typ", "Bearer")
			.claim("azp", DevRealm.WEB_CLIENT)
			.claim("preferred_username", "forged-" + subject)
			.claim("resource_access", Map.of("bulwark-api", Map.of("roles", List.of("customer"))));
	}

	public String sign(JWTClaimsSet claims) {
		return sign(claims, this.key);
	}

	/**
	 * Signs with a key the realm does not know, under a key id of its own.
	 */
	public static String signWithUnknownKey(JWTClaimsSet claims) {
		KeyPair pair = generate();
		return sign(claims, new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
			.keyID("unknown-key")
			.build());
	}

	/**
	 * The realm's current RS256 verification key from its JWKS, as an attacker would fetch it.
	 */
	public RSAKey realmPublicKey(String kid) {
		return (RSAKey) jwks(this.keycloak).getKeyByKeyId(kid);
	}

	/**
	 * Signs a payload exactly as written, for what {@link JWTClaimsSet} cannot express, such as a claim named twice.
	 */
	public String signPayload(String json) {
		try {
			JWSObject jws = new JWSObject(header(this.key), new Payload(json));
			jws.sign(new RSASSASigner(this.key));
			return jws.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sign(JWTClaimsSet claims, RSAKey key) {
		try {
			SignedJWT jwt = new SignedJWT(header(key), claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JWSHeader header(RSAKey key) {
		return new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build();
	}

	private static RealmSigner register(KeycloakServer keycloak) {
		KeyPair pair = generate();
		String pem = "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(pair.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n";
		Map<String, Object> component = Map.of("name", "bulwark-tests-passive-key", "providerId", "rsa",
				"providerType", "org.keycloak.keys.KeyProvider", "parentId", DevRealm.NAME, "config",
				Map.of("priority", List.of("1"), "enabled", List.of("true"), "active", List.of("false"), "algorithm",
						List.of("RS256"), "privateKey", List.of(pem)));
		Http.postJson(keycloak.adminApi(DevRealm.NAME) + "/components", Tokens.shared().masterRealmAdmin(), component,
				201);
		RSAPublicKey publicKey = (RSAPublicKey) pair.getPublic();
		for (JWK jwk : jwks(keycloak).getKeys()) {
			if (jwk instanceof RSAKey rsa && rsa.getModulus().decodeToBigInteger().equals(publicKey.getModulus())) {
				return new RealmSigner(keycloak,
						new RSAKey.Builder(publicKey).privateKey((RSAPrivateKey) pair.getPrivate()).keyID(rsa.getKeyID()).build());
			}
		}
		throw new IllegalStateException("The realm does not publish the test key");
	}

	private static JWKSet jwks(KeycloakServer keycloak) {
		try {
			return JWKSet.parse(Http
				.send(HttpRequest.newBuilder(URI.create(keycloak.issuer(DevRealm.NAME) + "/protocol/openid-connect/certs"))
					.build(), 200)
				.body());
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
