package dev.bulwark.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names a token without revealing it: the first 128 bits of its SHA-256, in hex. Anybody holding the token can
 * compute it ({@code printf %s "$TOKEN" | sha256sum | cut -c1-32}) and find what it did; nobody can go back from it
 * to the token.
 */
public final class TokenFingerprint {

	private TokenFingerprint() {
	}

	public static String of(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
		}
	}

}
