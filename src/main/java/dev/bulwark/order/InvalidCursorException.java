package dev.bulwark.order;

/**
 * A page cursor that this service did not issue to this caller for this listing. The message is written for the
 * client.
 */
public class InvalidCursorException extends RuntimeException {

	public InvalidCursorException() {
		super("The cursor is invalid.");
	}

}
