package dev.bulwark.order;

/**
 * The order does not exist, or the caller may not see it: the two are one exception so that no caller can tell
 * them apart and probe for ids. The message is written for the client.
 */
public class OrderNotFoundException extends RuntimeException {

	OrderNotFoundException() {
		super("No such order.");
	}

}
