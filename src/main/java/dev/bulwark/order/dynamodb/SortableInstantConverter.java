package dev.bulwark.order.dynamodb;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Stores an instant as fixed-width ISO-8601 text (nanoseconds always written), so that DynamoDB's string order of
 * sort keys is time order. The SDK's default writes {@code ...:00Z} for a whole second and {@code ...:00.5Z}
 * otherwise, which sort the wrong way round.
 */
public class SortableInstantConverter implements AttributeConverter<Instant> {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	static String format(Instant instant) {
		return FORMAT.format(instant);
	}

	@Override
	public AttributeValue transformFrom(Instant input) {
		return AttributeValue.fromS(format(input));
	}

	@Override
	public Instant transformTo(AttributeValue input) {
		return Instant.parse(input.s());
	}

	@Override
	public EnhancedType<Instant> type() {
		return EnhancedType.of(Instant.class);
	}

	@Override
	public AttributeValueType attributeValueType() {
		return AttributeValueType.S;
	}

}
