package dev.bulwark.support;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-time codes as an authenticator app computes them (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps), from the
 * dev realm's OTP secrets, which Keycloak uses as they are written (not base32-decoded) as the HMAC key.
 */
public final class Totp {

	public static final Duration STEP = Duration.ofSeconds(30);

	private Totp() {
	}

	/**
	 * The time step an instant falls in.
	 */
	public static long step(Instant instant) {
		return instant.getEpochSecond() / STEP.toSeconds();
	}

	public static String code(String secret, long step) {
		return code(secret.getBytes(StandardCharsets.UTF_8), step, 6);
	}

	static String code(byte[] key, long step, int digits) {
		try {
			Mac hmac = Mac.getInstance("HmacSHA1");
			hmac.init(new SecretKeySpec(key, "HmacSHA1"));
			byte[] hash = hmac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ByteBuffer.wrap(hash, offset, Integer.BYTES).getInt() & 0x7fffffff;
			return String.format("%0" + digits + "d", binary % (int) Math.pow(10, digits));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA1 is part of every Java platform", ex);
		}
	}

}
