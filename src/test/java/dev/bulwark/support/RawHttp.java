package dev.bulwark.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand over a socket, for what no HTTP client sends: repeated header lines, a chosen local
 * address, requests over the server's limits or not well-formed at all.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends the request (with {@code Connection: close} semantics: the server ends the exchange) from the given
	 * local address and returns the whole response as the server wrote it.
	 */
	public static String exchange(String localAddress, int port, String request) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	/**
	 * The status code of a response returned by {@link #exchange}.
	 */
	public static int status(String response) {
		return Integer.parseInt(response.substring(response.indexOf(' ') + 1, response.indexOf(' ') + 4));
	}

}
