package dev.bulwark.audit;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import dev.bulwark.web.ReadThroughRequest;

/**
 * A request whose body is measured and hashed (SHA-256) as the application reads it, so that the audit line can
 * name a payload, and a copy of it be matched later, without the body being kept or logged. Nothing is buffered:
 * the digest sees each byte once, on its way through.
 */
final class DigestedBodyRequest extends ReadThroughRequest {

	private @Nullable DigestingInputStream body;

	DigestedBodyRequest(HttpServletRequest request) {
		super(request);
	}

	@Override
	protected ServletInputStream readThrough(ServletInputStream body) {
		this.body = new DigestingInputStream(body);
		return this.body;
	}

	/**
	 * How many bytes of the body the application read; 0 when it read none.
	 */
	long bytesRead() {
		return (this.body != null) ? this.body.count : 0;
	}

	/**
	 * The SHA-256 of the bytes read, in hex: of the whole body for every request the application accepted, which
	 * reads its body to the end.
	 */
	String sha256() {
		return (this.body != null) ? HexFormat.of().formatHex(this.body.digest.digest()) : "";
	}

	private static final class DigestingInputStream extends ReadThroughRequest.Stream {

		private final MessageDigest digest;

		private long count;

		private DigestingInputStream(ServletInputStream container) {
			super(container);
			try {
				this.digest = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
			}
		}

		@Override
		public int read() throws IOException {
			int b = this.container.read();
			if (b != -1) {
				this.digest.update((byte) b);
				this.count++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.container.read(buffer, offset, length);
			if (n > 0) {
				this.digest.update(buffer, offset, n);
				this.count += n;
			}
			return n;
		}

	}

}
