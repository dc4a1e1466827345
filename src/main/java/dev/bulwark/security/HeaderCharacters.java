package dev.bulwark.security;

/**
 * The characters Spring Security's {@code StrictHttpFirewall} allows in header names and values (assigned, not a
 * control character; in values also a tab), checked without its regular expressions. The firewall checks a header
 * each time anything reads it, and the bearer token is read by several filters of every request: matching its
 * 1–2 KB against {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} each time was a quarter of what {@code GET /me}
 * cost. Printable ASCII, which is almost every header, is decided by one comparison per character.
 */
final class HeaderCharacters {

	private HeaderCharacters() {
	}

	static boolean allowedInName(String name) {
		return allowed(name, false);
	}

	static boolean allowedInValue(String value) {
		return allowed(value, true);
	}

	private static boolean allowed(String text, boolean tab) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < ' ' || c > '~') {
				return allowedFrom(text, i, tab);
			}
		}
		return true;
	}

	private static boolean allowedFrom(String text, int start, boolean tab) {
		int i = start;
		while (i < text.length()) {
			int codePoint = text.codePointAt(i);
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
