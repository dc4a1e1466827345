package dev.bulwark.order.dynamodb;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.bulwark.order.InvalidCursorException;

/**
 * Turns DynamoDB's {@code LastEvaluatedKey} into an opaque page cursor and back. Cursors are sealed with AES-GCM,
 * and the listing they belong to (e.g. one customer's orders) is bound in as associated data: a client can neither
 * read a cursor nor change it, a cursor issued for one customer's listing is refused for any other listing, and a
 * cursor expires, so one that leaked does not work for ever.
 */
class PageCursors {

	private static final String CIPHER = "AES/GCM/NoPadding";

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKeySpec key;

	private final Duration ttl;

	private final Clock clock;

	private final JsonMapper jsonMapper;

	PageCursors(byte[] key, Duration ttl, Clock clock, JsonMapper jsonMapper) {
		if (key.length != 32) {
			throw new IllegalArgumentException("The cursor key must be 256 bits");
		}
		this.key = new SecretKeySpec(key, "AES");
		this.ttl = ttl;
		this.clock = clock;
		this.jsonMapper = jsonMapper;
	}

	@Nullable String seal(Map<String, AttributeValue> lastEvaluatedKey, String listing) {
		if (lastEvaluatedKey.isEmpty()) {
			return null;
		}
		Map<String, String> plain = new LinkedHashMap<>();
		lastEvaluatedKey.forEach((name, value) -> plain.put(name, value.s()));
		byte[] nonce = new byte[NONCE_BYTES];
		// A fresh generator per cursor: one made at startup would be copied, state and all, into every instance
		// restored from a SnapStart snapshot, and GCM must never see a nonce twice under one key.
		new SecureRandom().nextBytes(nonce);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, listing);
			Payload payload = new Payload(plain, this.clock.instant().plus(this.ttl).getEpochSecond());
			byte[] sealed = cipher.doFinal(this.jsonMapper.writeValueAsBytes(payload));
			byte[] cursor = new byte[NONCE_BYTES + sealed.length];
			System.arraycopy(nonce, 0, cursor, 0, NONCE_BYTES);
			System.arraycopy(sealed, 0, cursor, NONCE_BYTES, sealed.length);
			return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot seal a page cursor", ex);
		}
	}

	@Nullable Map<String, AttributeValue> open(@Nullable String cursor, String listing) {
		if (cursor == null) {
			return null;
		}
		try {
			byte[] raw = Base64.getUrlDecoder().decode(cursor);
			// Nonce and tag at least: the JDK's GCM fails with a runtime exception (not a bad tag) on less.
			if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
				throw new InvalidCursorException();
			}
			byte[] nonce = new byte[NONCE_BYTES];
			System.arraycopy(raw, 0, nonce, 0, NONCE_BYTES);
			byte[] plain = cipher(Cipher.DECRYPT_MODE, nonce, listing).doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
			Payload payload = this.jsonMapper.readValue(plain, Payload.class);
			if (payload.expiresAt() < this.clock.instant().getEpochSecond()) {
				throw new InvalidCursorException();
			}
			Map<String, AttributeValue> key = new LinkedHashMap<>();
			payload.key().forEach((name, value) -> key.put(name, AttributeValue.fromS(value)));
			return key;
		}
		catch (IllegalArgumentException | GeneralSecurityException | JacksonException ex) {
			throw new InvalidCursorException();
		}
	}

	/**
	 * What a cursor holds: where the next page starts, and until when (epoch seconds) the cursor may be used.
	 */
	record Payload(Map<String, String> key, long expiresAt) {
	}

	private Cipher cipher(int mode, byte[] nonce, String listing) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance(CIPHER);
		cipher.init(mode, this.key, new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(listing.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

}
