package dev.bulwark.order;

/**
 * An {@code Idempotency-Key} was sent again with a different body. The message is written for the client.
 */
public class IdempotencyKeyReusedException extends RuntimeException {

	IdempotencyKeyReusedException() {
		super("This Idempotency-Key was already used with a different request body.");
	}

}
