package dev.bulwark.order.dynamodb;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.bulwark.order.InvalidCursorException;
import dev.bulwark.support.MutableClock;
import dev.bulwark.support.TestJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page cursor comes from the client. Whatever it sends is either a cursor this service sealed for this listing
 * or an invalid cursor (a 400), never another exception (a 500) and never a key it did not seal.
 */
class PageCursorsFuzzTests {

	private static final Map<String, AttributeValue> LAST_KEY = Map.of("id", AttributeValue.fromS("order-1"),
			"customerId", AttributeValue.fromS("alice"), "createdAt", AttributeValue.fromS("2026-11-22T10:00:00Z"));

	private final PageCursors cursors = new PageCursors(new byte[32], Duration.ofHours(1),
			new MutableClock(Instant.parse("2026-11-22T10:00:00Z")), TestJson.MAPPER);

	@FuzzTest(maxDuration = "5m")
	void anyTextIsAnInvalidCursor(FuzzedDataProvider data) {
		String cursor = data.consumeRemainingAsString();
		try {
			assertThat(this.cursors.open(cursor, "customer:alice")).isNull();
		}
		catch (InvalidCursorException expected) {
			// What every forged or damaged cursor must be.
		}
	}

	@FuzzTest(maxDuration = "5m")
	void aChangedCursorIsAnInvalidCursor(FuzzedDataProvider data) {
		String sealed = this.cursors.seal(LAST_KEY, "customer:alice");
		char[] cursor = sealed.toCharArray();
		int changes = data.consumeInt(1, 4);
		for (int i = 0; i < changes; i++) {
			cursor[data.consumeInt(0, cursor.length - 1)] = data.consumeChar();
		}
		String changed = new String(cursor);
		try {
			Map<String, AttributeValue> key = this.cursors.open(changed, "customer:alice");
			// Base64 can spell the same bytes twice (the unused bits of the last character): only then it opens.
			assertThat(key).isEqualTo(LAST_KEY);
		}
		catch (InvalidCursorException expected) {
			// The seal holds.
		}
	}

}
