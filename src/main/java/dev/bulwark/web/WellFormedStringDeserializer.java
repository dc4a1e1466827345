package dev.bulwark.web;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/**
 * Refuses strings with an unpaired surrogate, which JSON can spell ({@code "\ud800"}) but UTF-8 cannot encode:
 * every system that stores or forwards such a string has to drop it, replace it or fail.
 */
class WellFormedStringDeserializer extends StringDeserializer {

	@Override
	public @Nullable String deserialize(JsonParser parser, DeserializationContext context) {
		String value = super.deserialize(parser, context);
		if (value != null && !isWellFormed(value)) {
			throw context.weirdStringException(value, String.class, "unpaired surrogate");
		}
		return value;
	}

	private static boolean isWellFormed(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
