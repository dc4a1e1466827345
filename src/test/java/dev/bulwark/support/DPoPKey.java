package dev.bulwark.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

/**
 * A client's DPoP key (EC P-256 with ES256, or RSA with PS256), and the proofs (RFC 9449, section 4) it signs:
 * right ones, and each of the ways a proof can be wrong, for the tests that show the API refuses them.
 */
public final class DPoPKey {

	private final JWK key;

	private final JWSAlgorithm algorithm;

	private final JWSSigner signer;

	private DPoPKey(JWK key, JWSAlgorithm algorithm, JWSSigner signer) {
		this.key = key;
		this.algorithm = algorithm;
		this.signer = signer;
	}

	/** An EC P-256 key, signing with ES256: what most DPoP clients use. */
	public static DPoPKey generate() {
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).generate();
			return new DPoPKey(key, JWSAlgorithm.ES256, new ECDSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A 2048-bit RSA key, signing with PS256. */
	public static DPoPKey generateRsa() {
		try {
			RSAKey key = new RSAKeyGenerator(2048).generate();
			return new DPoPKey(key, JWSAlgorithm.PS256, new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The RFC 7638 thumbprint of the public key: what a token bound to this key carries as {@code cnf.jkt}. */
	public String thumbprint() {
		try {
			return this.key.computeThumbprint().toString();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A proof for a token request: no access token yet, so no {@code ath}. */
	public String proof(String method, String url) {
		return proof().method(method).url(url).sign();
	}

	/** A right proof for calling {@code url} with {@code accessToken}. */
	public String proof(String method, String url, String accessToken) {
		return proof().method(method).url(url).accessToken(accessToken).sign();
	}

	/** A proof to be made, right by default, wrong in whichever way a test sets. */
	public Proof proof() {
		return new Proof();
	}

	/** RFC 9449's {@code ath}: the base64url SHA-256 of the access token. */
	public static String hash(String accessToken) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public final class Proof {

		private String method = "GET";

		private String url = "";

		private @Nullable String accessToken;

		private Instant issuedAt = Instant.now();

		private String id = UUID.randomUUID().toString();

		private String type = "dpop+jwt";

		private JWK headerKey = DPoPKey.this.key.toPublicJWK();

		private @Nullable String hmacSecret;

		private boolean unsigned;

		public Proof method(String method) {
			this.method = method;
			return this;
		}

		public Proof url(String url) {
			this.url = url;
			return this;
		}

		public Proof accessToken(String accessToken) {
			this.accessToken = accessToken;
			return this;
		}

		public Proof issuedAt(Instant issuedAt) {
			this.issuedAt = issuedAt;
			return this;
		}

		public Proof id(String id) {
			this.id = id;
			return this;
		}

		public Proof type(String type) {
			this.type = type;
			return this;
		}

		/** Names another key in the header, while this one signs: the signature does not verify. */
		public Proof headerKey(DPoPKey other) {
			this.headerKey = other.key.toPublicJWK();
			return this;
		}

		/** Signed with HMAC-SHA256 over a shared secret instead of the private key. */
		public Proof hmac(String secret) {
			this.hmacSecret = secret;
			return this;
		}

		/** {@code alg: none}, no signature. */
		public Proof unsigned() {
			this.unsigned = true;
			return this;
		}

		public String sign() {
			JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().claim("htm", this.method)
				.claim("htu", this.url)
				.issueTime(Date.from(this.issuedAt))
				.jwtID(this.id);
			if (this.accessToken != null) {
				claims.claim("ath", hash(this.accessToken));
			}
			if (this.unsigned) {
				return new PlainJWT(claims.build()).serialize();
			}
			try {
				JWSAlgorithm algorithm = (this.hmacSecret != null) ? JWSAlgorithm.HS256 : DPoPKey.this.algorithm;
				SignedJWT proof = new SignedJWT(new JWSHeader.Builder(algorithm).type(new JOSEObjectType(this.type))
					.jwk(this.headerKey)
					.build(), claims.build());
				proof.sign((this.hmacSecret != null) ? new MACSigner(this.hmacSecret.getBytes(StandardCharsets.UTF_8))
						: DPoPKey.this.signer);
				return proof.serialize();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
