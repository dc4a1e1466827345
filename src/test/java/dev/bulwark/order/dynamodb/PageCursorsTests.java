package dev.bulwark.order.dynamodb;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.bulwark.order.InvalidCursorException;
import dev.bulwark.support.MutableClock;
import dev.bulwark.support.TestJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PageCursorsTests {

	private static final Map<String, AttributeValue> LAST_KEY = Map.of("id", AttributeValue.fromS("order-1"),
			"customerId", AttributeValue.fromS("alice"), "createdAt", AttributeValue.fromS("2026-11-22T10:00:00Z"));

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

	private final PageCursors cursors = new PageCursors(new byte[32], Duration.ofHours(1), this.clock,
			TestJson.MAPPER);

	@Test
	void roundTripsTheLastEvaluatedKey() {
		String cursor = this.cursors.seal(LAST_KEY, "customer:alice");

		assertThat(this.cursors.open(cursor, "customer:alice")).isEqualTo(LAST_KEY);
	}

	@Test
	void cursorRevealsNothingOfTheKey() {
		String cursor = this.cursors.seal(LAST_KEY, "customer:alice");

		assertThat(new String(Base64.getUrlDecoder().decode(cursor))).doesNotContain("alice").doesNotContain("order-1");
	}

	@Test
	void refusesCursorOfAnotherListing() {
		String cursor = this.cursors.seal(LAST_KEY, "customer:alice");

		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> this.cursors.open(cursor, "customer:bob"));
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> this.cursors.open(cursor, "all"));
	}

	@Test
	void refusesCursorSealedWithAnotherKey() {
		byte[] otherKey = new byte[32];
		otherKey[0] = 1;
		String cursor = new PageCursors(otherKey, Duration.ofHours(1), this.clock, TestJson.MAPPER)
			.seal(LAST_KEY, "all");

		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> this.cursors.open(cursor, "all"));
	}

	@Test
	void expires() {
		String cursor = this.cursors.seal(LAST_KEY, "all");
		this.clock.advance(Duration.ofMinutes(59));

		assertThat(this.cursors.open(cursor, "all")).isEqualTo(LAST_KEY);

		this.clock.advance(Duration.ofMinutes(2));
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> this.cursors.open(cursor, "all"));
	}

	@Test
	void refusesGarbage() {
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> this.cursors.open("%%%", "all"));
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> this.cursors.open("AAAA", "all"));
	}

	@Test
	void noCursorWhenThereIsNoNextPage() {
		assertThat(this.cursors.seal(Map.of(), "all")).isNull();
		assertThat(this.cursors.open(null, "all")).isNull();
	}

}
