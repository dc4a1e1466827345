package dev.bulwark.support;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Calls the API through a {@link Transport}, so that the same test runs against either runtime.
 */
public final class Api {

	/** The host addresses of 198.18.0.0/15, leaving out those ending in 0 or 255. */
	private static final int ADDRESSES = 2 * 256 * 254;

	private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(ThreadLocalRandom.current().nextInt(ADDRESSES));

	private final Transport transport;

	private final String clientAddress;

	/**
	 * With a client address of its own, so that per-address limits of one test do not touch another's.
	 */
	public Api(Transport transport) {
		this(transport, newClientAddress());
	}

	public Api(Transport transport, String clientAddress) {
		this.transport = transport;
		this.clientAddress = clientAddress;
	}

	/**
	 * An address from 198.18.0.0/15, the block set aside for tests, that no other caller in this test run has had:
	 * addresses drawn at random would now and then repeat one that an earlier test got refused.
	 */
	public static String newClientAddress() {
		int n = Math.floorMod(NEXT_ADDRESS.getAndIncrement(), ADDRESSES);
		return "198." + (18 + n / (256 * 254)) + "." + (n / 254 % 256) + "." + (1 + n % 254);
	}

	public Call get(String path) {
		return new Call("GET", path);
	}

	public Call post(String path) {
		return new Call("POST", path);
	}

	public Call put(String path) {
		return new Call("PUT", path);
	}

	public Call delete(String path) {
		return new Call("DELETE", path);
	}

	public Call method(String method, String path) {
		return new Call(method, path);
	}

	/**
	 * One request being put together.
	 */
	public final class Call {

		private final String method;

		private final String path;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private byte @Nullable [] body;

		private boolean chunked;

		private String from = Api.this.clientAddress;

		private Call(String method, String path) {
			this.method = method;
			this.path = path;
		}

		public Call token(String token) {
			return header("Authorization", "Bearer " + token);
		}

		/**
		 * The DPoP scheme (RFC 9449, section 7.1): a bound token, and the proof that goes with it.
		 */
		public Call dpop(String token, String proof) {
			return header("Authorization", "DPoP " + token).header("DPoP", proof);
		}

		public Call header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		public Call json(String json) {
			return body("application/json", json);
		}

		public Call body(String contentType, String body) {
			return body(contentType, body.getBytes(StandardCharsets.UTF_8));
		}

		/**
		 * A body of any bytes, UTF-8 or not.
		 */
		public Call body(String contentType, byte[] body) {
			this.body = body;
			return header("Content-Type", contentType);
		}

		/**
		 * Sends the body without a {@code Content-Length}, in chunks (over HTTP; API Gateway always knows the length).
		 */
		public Call chunked() {
			this.chunked = true;
			return this;
		}

		/**
		 * Sends from another client address than this API's.
		 */
		public Call from(String clientAddress) {
			this.from = clientAddress;
			return this;
		}

		public ApiResponse send() {
			return Api.this.transport.send(this.method, this.path, this.headers, this.body, this.chunked, this.from);
		}

	}

}
