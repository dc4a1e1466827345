package dev.bulwark.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for an identity provider's JWKS endpoint on a free local port: one fresh 2048-bit RSA key, served at
 * {@link #uri()}, with a count of how often it was fetched. For tests and benchmarks of the decoder alone; the
 * integration tests use the real Keycloak.
 */
public final class JwksEndpoint implements AutoCloseable {

	private final RSAKey key;

	private final HttpServer server;

	private final AtomicInteger fetches = new AtomicInteger();

	private JwksEndpoint(RSAKey key, HttpServer server) {
		this.key = key;
		this.server = server;
	}

	public static JwksEndpoint start(String keyId) {
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyID(keyId).generate();
			byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			JwksEndpoint endpoint = new JwksEndpoint(key, server);
			server.createContext("/certs", exchange -> {
				endpoint.fetches.incrementAndGet();
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return endpoint;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not make an RSA key", ex);
		}
	}

	/** The key, private part included, to sign tokens with. */
	public RSAKey key() {
		return this.key;
	}

	public String uri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/certs";
	}

	public int fetches() {
		return this.fetches.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
