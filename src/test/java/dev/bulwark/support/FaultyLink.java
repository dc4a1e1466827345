package dev.bulwark.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy between the application and a dependency, which breaks the link on demand the ways networks and
 * services break: connections refused or reset, requests that are never answered, answers lost on the way back,
 * and (for DynamoDB) throttling. The application talks to the real dependency through it; nothing in the
 * application is replaced. A fault applies to connections already open too, as it would on a real network.
 */
public final class FaultyLink implements AutoCloseable {

	/** What the link does to the traffic. */
	public enum Fault {

		/** Passes everything. */
		NONE,

		/** Closes every connection as soon as it opens or sends anything: the dependency is down. */
		REFUSE,

		/** Resets every connection (TCP RST) as soon as it opens or sends anything. */
		RESET,

		/** Accepts requests and never answers them: the dependency hangs. */
		STALL,

		/** Passes requests on, so they take effect, and loses every answer: the network fails on the way back. */
		LOSE_ANSWERS,

		/** Answers every request itself with DynamoDB's throttling error, as DynamoDB does when over capacity. */
		THROTTLE

	}

	private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

	private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

	private final ServerSocket server;

	private final InetSocketAddress target;

	private volatile Fault fault = Fault.NONE;

	private final AtomicReference<@Nullable Target> loseAnswerTo = new AtomicReference<>();

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicInteger stalled = new AtomicInteger();

	private final AtomicInteger mostStalled = new AtomicInteger();

	private final AtomicInteger requestsSeen = new AtomicInteger();

	private FaultyLink(ServerSocket server, InetSocketAddress target) {
		this.server = server;
		this.target = target;
		Thread acceptor = new Thread(this::accept, "faulty-link-" + server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * A link to the HTTP server at {@code url}, e.g. DynamoDB Local's endpoint.
	 */
	public static FaultyLink to(String url) {
		URI uri = URI.create(url);
		try {
			return new FaultyLink(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()),
					new InetSocketAddress(uri.getHost(), uri.getPort()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Where to point the application instead of the dependency. */
	public String url() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	public void inject(Fault fault) {
		this.fault = fault;
		this.mostStalled.set(this.stalled.get());
	}

	/**
	 * Passes the next DynamoDB {@code operation} on {@code table} on and loses its answer, then passes everything
	 * again: the case where the SDK's own retry must not apply a write twice.
	 */
	public void loseNextAnswerTo(String operation, String table) {
		this.loseAnswerTo.set(new Target(operation, table));
	}

	/** Whether the answer {@link #loseNextAnswerTo} asked to lose has been lost. */
	public boolean lostTheAnswer() {
		return this.loseAnswerTo.get() == null;
	}

	public void heal() {
		this.fault = Fault.NONE;
		this.loseAnswerTo.set(null);
	}

	/** The most requests held unanswered at once since the fault was injected. */
	public int mostStalledAtOnce() {
		return this.mostStalled.get();
	}

	/** Requests (or request fragments) that reached the link, under any fault. */
	public int requestsSeen() {
		return this.requestsSeen.get();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Thread connection = new Thread(() -> serve(client), "faulty-link-connection");
				connection.setDaemon(true);
				connection.start();
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	private void serve(Socket client) {
		this.open.add(client);
		try (client; Socket upstream = new Socket()) {
			if (breaksAtOnce(client)) {
				return;
			}
			upstream.connect(this.target, 2_000);
			AtomicBoolean losingAnswers = new AtomicBoolean();
			Thread answers = new Thread(() -> pumpAnswers(upstream, client, losingAnswers), "faulty-link-answers");
			answers.setDaemon(true);
			answers.start();
			pumpRequests(client, upstream, losingAnswers);
		}
		catch (IOException ex) {
			// A broken connection is what this class is for.
		}
		finally {
			this.open.remove(client);
		}
	}

	private boolean breaksAtOnce(Socket client) throws IOException {
		switch (this.fault) {
			case REFUSE -> client.close();
			case RESET -> reset(client);
			default -> {
				return false;
			}
		}
		return true;
	}

	/**
	 * Reads the client's requests one whole request at a time (the SDK always sends a {@code Content-Length}), and
	 * does to each what the fault of the moment says.
	 */
	private void pumpRequests(Socket client, Socket upstream, AtomicBoolean losingAnswers) throws IOException {
		InputStream in = client.getInputStream();
		OutputStream toDependency = upstream.getOutputStream();
		ByteArrayOutputStream pending = new ByteArrayOutputStream();
		boolean holding = false;
		byte[] buffer = new byte[16 * 1024];
		try {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				pending.write(buffer, 0, read);
				for (byte[] request = nextRequest(pending); request != null; request = nextRequest(pending)) {
					this.requestsSeen.incrementAndGet();
					switch (this.fault) {
						case REFUSE -> {
							client.close();
							return;
						}
						case RESET -> {
							reset(client);
							return;
						}
						case STALL -> {
							if (!holding) {
								holding = true;
								this.mostStalled.accumulateAndGet(this.stalled.incrementAndGet(), Math::max);
							}
						}
						case THROTTLE -> {
							client.getOutputStream().write(throttlingError());
							client.getOutputStream().flush();
						}
						default -> {
							if (this.fault == Fault.LOSE_ANSWERS || losesAnswerTo(request)) {
								losingAnswers.set(true);
							}
							toDependency.write(request);
							toDependency.flush();
						}
					}
				}
			}
		}
		finally {
			if (holding) {
				this.stalled.decrementAndGet();
			}
		}
	}

	private boolean losesAnswerTo(byte[] request) {
		Target target = this.loseAnswerTo.get();
		return target != null && target.matches(new String(request, StandardCharsets.UTF_8))
				&& this.loseAnswerTo.compareAndSet(target, null);
	}

	private void pumpAnswers(Socket upstream, Socket client, AtomicBoolean losingAnswers) {
		byte[] buffer = new byte[16 * 1024];
		try (upstream) {
			InputStream fromDependency = upstream.getInputStream();
			OutputStream out = client.getOutputStream();
			for (int read = fromDependency.read(buffer); read >= 0; read = fromDependency.read(buffer)) {
				// Once an answer is lost, so is the rest of the connection's: a client never reads half an answer.
				if (losingAnswers.get() || this.fault == Fault.LOSE_ANSWERS || this.fault == Fault.STALL) {
					continue;
				}
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// Either side closed.
		}
	}

	/**
	 * The first whole request in {@code pending}, taken out of it, or {@code null} while it is incomplete.
	 */
	private static byte @Nullable [] nextRequest(ByteArrayOutputStream pending) {
		byte[] bytes = pending.toByteArray();
		int headerEnd = indexOf(bytes, HEADER_END);
		if (headerEnd < 0) {
			return null;
		}
		Matcher length = CONTENT_LENGTH.matcher(new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1));
		int end = headerEnd + HEADER_END.length + (length.find() ? Integer.parseInt(length.group(1)) : 0);
		if (bytes.length < end) {
			return null;
		}
		pending.reset();
		pending.write(bytes, end, bytes.length - end);
		return Arrays.copyOf(bytes, end);
	}

	private static byte[] throttlingError() {
		String body = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
				+ "\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}";
		return String.format(Locale.ROOT,
				"HTTP/1.1 400 Bad Request\r\nContent-Type: application/x-amz-json-1.0\r\n"
						+ "x-amzn-RequestId: faulty-link\r\nContent-Length: %d\r\n\r\n%s",
				body.getBytes(StandardCharsets.UTF_8).length, body)
			.getBytes(StandardCharsets.UTF_8);
	}

	private static int indexOf(byte[] bytes, byte[] part) {
		for (int i = 0; i + part.length <= bytes.length; i++) {
			boolean match = true;
			for (int j = 0; j < part.length && match; j++) {
				match = bytes[i + j] == part[j];
			}
			if (match) {
				return i;
			}
		}
		return -1;
	}

	private static void reset(Socket socket) throws IOException {
		socket.setSoLinger(true, 0);
		socket.close();
	}

	private record Target(String operation, String table) {

		boolean matches(String request) {
			return request.contains("DynamoDB_20120810." + this.operation + "\r\n")
					&& request.contains("\"TableName\":\"" + this.table + "\"");
		}

	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.open) {
			socket.close();
		}
	}

}
