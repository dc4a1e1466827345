package dev.bulwark.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.bulwark.support.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Endless chunked bodies against the Boot app, with and without a token, in every content type a servlet stack
 * treats specially: the answer comes while the client is still sending, and the server neither reads nor buffers
 * the body past the configured limit. The JVM runs with a bounded heap (512 MB, see the failsafe configuration),
 * so a server that buffered a body whole would run out of memory before the client gives up. (In Lambda, API
 * Gateway hands the function a complete event of at most 10 MB, so there is no stream to flood.)
 */
class RequestBodyFloodIT extends ApiIntegrationTest {

	/**
	 * Far more than the body limit and the container's own form and multipart limits: a server that reads the body
	 * is still reading when the client gives up here.
	 */
	private static final long GIVE_UP_AFTER_BYTES = 512L * 1024 * 1024;

	/**
	 * What the whole JVM may allocate while one flood is answered: a server that buffered the body would allocate
	 * at least as much as it was sent.
	 */
	private static final long MAX_ALLOCATED_BYTES = 64L * 1024 * 1024;

	@ParameterizedTest(name = "{0} {1} {2} as {3} -> {4}")
	@CsvSource({ "PUT, /orders/{id}/status, application/x-www-form-urlencoded, nobody, 401",
			"PUT, /orders/{id}/status, application/json, nobody, 401",
			"POST, /orders, application/x-www-form-urlencoded, nobody, 401",
			"POST, /orders, application/json, nobody, 401",
			"POST, /orders, multipart/form-data; boundary=flood, nobody, 401",
			"PUT, /orders/{id}/status, application/json, carol, 413",
			"PUT, /orders/{id}/status, application/x-www-form-urlencoded, carol, 415",
			"POST, /orders, application/json, alice, 413",
			"POST, /orders, application/x-www-form-urlencoded, alice, 415",
			"POST, /orders, multipart/form-data; boundary=flood, alice, 415",
			"GET, /me, application/x-www-form-urlencoded, alice, 200" })
	void endlessBodyIsAnsweredWhileTheClientIsStillSending(String method, String path, String contentType,
			String caller, int status) throws Exception {
		String authorization = "nobody".equals(caller) ? "" : "Authorization: Bearer " + this.tokens.user(caller) + "\r\n";
		// A JSON body that stays valid as far as it goes: an endless string, not junk a parser refuses at once.
		String start = contentType.equals("application/json") ? "{\"note\":\"" : "a=";
		String head = method + " " + path.replace("{id}", UUID.randomUUID().toString()) + " HTTP/1.1\r\n"
				+ "Host: localhost\r\n" + authorization + "Content-Type: " + contentType + "\r\n"
				+ "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(start.length()) + "\r\n" + start + "\r\n";
		long allocatedBefore = allocatedBytes();

		try (Socket socket = new Socket("localhost", bootPort())) {
			socket.setSoTimeout(30_000);
			Flood flood = new Flood(socket.getOutputStream(), head);
			Thread sender = new Thread(flood, "body-flood");
			sender.start();
			String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			long sentWhenAnswered = flood.sent.get();
			boolean stillSending = !flood.gaveUp.get();
			flood.stop.set(true);
			sender.join(10_000);

			assertThat(statusLine).startsWith("HTTP/1.1 " + status + " ");
			assertThat(stillSending).as("answered before the client gave up").isTrue();
			assertThat(sentWhenAnswered).isLessThan(GIVE_UP_AFTER_BYTES);
		}
		assertThat(allocatedBytes() - allocatedBefore).isLessThan(MAX_ALLOCATED_BYTES);
	}

	private static long allocatedBytes() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		return Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(bytes -> bytes > 0).sum();
	}

	/**
	 * Sends the request head, then 8 KiB chunks until told to stop, until the server stops reading (a closed
	 * connection), or until it has sent {@link #GIVE_UP_AFTER_BYTES}.
	 */
	private static final class Flood implements Runnable {

		private final OutputStream out;

		private final String head;

		private final AtomicLong sent = new AtomicLong();

		private final AtomicBoolean stop = new AtomicBoolean();

		private final AtomicBoolean gaveUp = new AtomicBoolean();

		private Flood(OutputStream out, String head) {
			this.out = out;
			this.head = head;
		}

		@Override
		public void run() {
			byte[] chunk = new byte[8192];
			Arrays.fill(chunk, (byte) 'a');
			byte[] size = "2000\r\n".getBytes(StandardCharsets.US_ASCII);
			byte[] end = "\r\n".getBytes(StandardCharsets.US_ASCII);
			try {
				this.out.write(this.head.getBytes(StandardCharsets.US_ASCII));
				while (!this.stop.get()) {
					if (this.sent.get() >= GIVE_UP_AFTER_BYTES) {
						this.gaveUp.set(true);
						return;
					}
					this.out.write(size);
					this.out.write(chunk);
					this.out.write(end);
					this.sent.addAndGet(chunk.length);
				}
			}
			catch (IOException serverStoppedReading) {
				// Expected once the server has answered and closed the connection.
			}
		}

	}

}
