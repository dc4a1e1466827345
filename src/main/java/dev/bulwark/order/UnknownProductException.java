package dev.bulwark.order;

/**
 * An order names a SKU that is not in the catalog. The client is told which field, like for a validation error.
 */
public class UnknownProductException extends RuntimeException {

	private final String field;

	UnknownProductException(String field) {
		super("Unknown product at " + field);
		this.field = field;
	}

	/**
	 * The path of the offending SKU in the request body, e.g. {@code items[1].sku}.
	 */
	public String field() {
		return this.field;
	}

}
