package dev.bulwark.support;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * An open-loop load at a constant rate, the way wrk2 makes one: each of a few kept-alive connections sends a
 * {@code GET} on its own fixed schedule, and the schedules are staggered, so that requests arrive evenly spaced
 * (at 1 000 req/s over 10 connections, one every millisecond, each connection every 10 ms). A request's latency
 * counts from the moment the schedule meant to send it, not from when it could be sent: a response that is late
 * delays the next request on its connection, and that delay is counted in the next request's latency instead of
 * being left out (no coordinated omission). Each connection is opened, and used once, before the clock starts; one
 * that the server closes is opened again inside the measurement.
 */
final class PacedLoad {

	private final URI url;

	private final String authorization;

	private final int connections;

	private final int ratePerSecond;

	PacedLoad(URI url, String authorization, int connections, int ratePerSecond) {
		this.url = url;
		this.authorization = authorization;
		this.connections = connections;
		this.ratePerSecond = ratePerSecond;
	}

	/** What a run measured: every request's latency, sorted, in nanoseconds. */
	record Result(long[] sortedNanos, Duration duration, int reconnections) {

		double rate() {
			return this.sortedNanos.length / (this.duration.toNanos() / 1e9);
		}

		double millis(double quantile) {
			int index = (int) Math.ceil(quantile * this.sortedNanos.length) - 1;
			return this.sortedNanos[Math.max(0, index)] / 1_000_000.0;
		}

		String summary() {
			return String.format(Locale.ROOT,
					"%d requests in %d s (%.0f req/s), %d reconnections; latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms,"
							+ " p99.9 %.2f ms, max %.2f ms",
					this.sortedNanos.length, this.duration.toSeconds(), rate(), this.reconnections, millis(0.5),
					millis(0.9), millis(0.99), millis(0.999), millis(1.0));
		}

	}

	/**
	 * Runs the load for the given time; every answer must be a 200.
	 */
	Result run(Duration duration) throws InterruptedException {
		long interval = 1_000_000_000L * this.connections / this.ratePerSecond;
		int perConnection = (int) (duration.toNanos() / interval);
		List<Connection> all = new ArrayList<>();
		for (int i = 0; i < this.connections; i++) {
			Connection connection = new Connection(perConnection);
			try {
				connection.exchange(connection.open());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			all.add(connection);
		}
		// Time for every thread to be running before the first request of its schedule is due.
		long start = System.nanoTime() + 50_000_000L;
		AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			Connection connection = all.get(i);
			long first = start + i * interval / this.connections;
			Thread thread = new Thread(() -> {
				try {
					connection.paced(first, interval);
				}
				catch (IOException | RuntimeException ex) {
					failure.compareAndSet(null, ex);
				}
			}, "paced-load-" + i);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		all.forEach(Connection::close);
		if (failure.get() != null) {
			throw new IllegalStateException("The paced load failed against " + this.url, failure.get());
		}
		long[] latencies = all.stream().flatMapToLong(connection -> Arrays.stream(connection.latencies)).sorted().toArray();
		return new Result(latencies, Duration.ofNanos(perConnection * interval),
				all.stream().mapToInt(connection -> connection.reconnections).sum());
	}

	private final class Connection {

		private final byte[] request;

		private final long[] latencies;

		private @Nullable Link link;

		private int reconnections;

		Connection(int requests) {
			String path = (PacedLoad.this.url.getRawQuery() != null)
					? PacedLoad.this.url.getRawPath() + "?" + PacedLoad.this.url.getRawQuery()
					: PacedLoad.this.url.getRawPath();
			this.request = ("GET " + path + " HTTP/1.1\r\nHost: " + PacedLoad.this.url.getAuthority()
					+ "\r\nAuthorization: " + PacedLoad.this.authorization + "\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1);
			this.latencies = new long[requests];
		}

		void paced(long first, long interval) throws IOException {
			for (int i = 0; i < this.latencies.length; i++) {
				long intended = first + i * interval;
				long wait = intended - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				Link current = this.link;
				if (current == null) {
					current = open();
					this.reconnections++;
				}
				exchange(current);
				this.latencies[i] = System.nanoTime() - intended;
			}
		}

		Link open() throws IOException {
			Socket socket = new Socket(PacedLoad.this.url.getHost(), PacedLoad.this.url.getPort());
			socket.setTcpNoDelay(true);
			Link opened = new Link(socket, new BufferedInputStream(socket.getInputStream(), 16 * 1024),
					socket.getOutputStream());
			this.link = opened;
			return opened;
		}

		/** Sends the request and reads the whole response, which must be a 200. */
		void exchange(Link current) throws IOException {
			current.out().write(this.request);
			current.out().flush();
			if (readResponse(current.in())) {
				close();
			}
		}

		void close() {
			Link current = this.link;
			this.link = null;
			if (current != null) {
				try {
					current.socket().close();
				}
				catch (IOException ex) {
					// Closing a connection whose answers were all read loses nothing.
				}
			}
		}

	}

	private record Link(Socket socket, InputStream in, OutputStream out) {
	}

	/** Reads one whole response, which must be a 200; answers whether the server closes the connection after it. */
	private static boolean readResponse(InputStream in) throws IOException {
		String status = line(in);
		if (!status.startsWith("HTTP/1.1 200")) {
			throw new IllegalStateException("Not a 200: " + status);
		}
		long length = -1;
		boolean chunked = false;
		boolean close = false;
		for (String header = line(in); !header.isEmpty(); header = line(in)) {
			int colon = header.indexOf(':');
			String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
			String value = header.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
			switch (name) {
				case "content-length" -> length = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.contains("chunked");
				case "connection" -> close = value.contains("close");
				default -> {
				}
			}
		}
		if (chunked) {
			for (long size = chunkSize(in); size > 0; size = chunkSize(in)) {
				skip(in, size);
				line(in);
			}
			for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
				// Trailer fields are read and left alone.
			}
		}
		else if (length >= 0) {
			skip(in, length);
		}
		else {
			throw new IllegalStateException("A response with neither a length nor chunks");
		}
		return close;
	}

	private static long chunkSize(InputStream in) throws IOException {
		String line = line(in);
		int extension = line.indexOf(';');
		return Long.parseLong((extension < 0) ? line.strip() : line.substring(0, extension).strip(), 16);
	}

	private static void skip(InputStream in, long bytes) throws IOException {
		for (long left = bytes; left > 0; left--) {
			if (in.read() < 0) {
				throw new IOException("The connection closed inside a response");
			}
		}
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder(64);
		for (int c = in.read(); c != '\n'; c = in.read()) {
			if (c < 0) {
				throw new IOException("The connection closed inside a response");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

}
