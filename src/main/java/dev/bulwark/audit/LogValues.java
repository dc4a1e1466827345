package dev.bulwark.audit;

import org.jspecify.annotations.Nullable;

/**
 * Makes a value a client controls (a path, a user agent, an id) safe to log: control characters, line and
 * paragraph separators, quotes and backslashes are escaped, so that no value can start a log line of its own or
 * forge a field of this one; and it is cut to a length, so that nobody can write megabyte log lines.
 */
final class LogValues {

	static final String ABSENT = "-";

	private static final String CUT = "...";

	private LogValues() {
	}

	static String safe(@Nullable String value, int maxLength) {
		if (value == null) {
			return ABSENT;
		}
		boolean cut = value.length() > maxLength;
		int end = cut ? maxLength : value.length();
		if (cut && Character.isHighSurrogate(value.charAt(end - 1))) {
			end--;
		}
		StringBuilder safe = new StringBuilder(end + 8);
		for (int i = 0; i < end; i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				safe.append('\\').append(c);
			}
			else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
				safe.append(String.format("\\u%04x", (int) c));
			}
			else {
				safe.append(c);
			}
		}
		return cut ? safe.append(CUT).toString() : safe.toString();
	}

}
