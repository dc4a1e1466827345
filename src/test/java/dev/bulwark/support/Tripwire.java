package dev.bulwark.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local address that counts who connects to it and answers nobody (each connection is closed at once): point a
 * dependency at it to prove it is never contacted.
 */
public final class Tripwire implements AutoCloseable {

	private final ServerSocket socket;

	private final AtomicInteger connections = new AtomicInteger();

	private Tripwire(ServerSocket socket) {
		this.socket = socket;
		Thread acceptor = new Thread(this::accept, "tripwire");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public static Tripwire start() {
		try {
			return new Tripwire(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.socket.getLocalPort();
	}

	public int connections() {
		return this.connections.get();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try (Socket connection = this.socket.accept()) {
				this.connections.incrementAndGet();
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
