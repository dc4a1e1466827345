package dev.bulwark.support;

import java.util.List;

/**
 * What the tests' orders say about a person, which no log line may ever carry (see {@code LogScanIT}).
 */
public final class PersonalData {

	public static final String NAME = "Alice Customer";

	public static final String ADDRESS_LINE = "1 Main Street";

	public static final String NOTE = "Leave at the door";

	public static final List<String> ALL = List.of(NAME, ADDRESS_LINE, NOTE);

	private PersonalData() {
	}

}
