package dev.bulwark.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A request whose body is measured and hashed (SHA-256) as the application reads it, so that the audit line can
 * name a payload, and a copy of it be matched later, without the body being kept or logged. Nothing is buffered:
 * the digest sees each byte once, on its way through.
 */
final class DigestedBodyRequest extends HttpServletRequestWrapper {

	private @Nullable DigestingInputStream body;

	private @Nullable BufferedReader reader;

	DigestedBodyRequest(HttpServletRequest request) {
		super(request);
	}

	@Override
	public ServletInputStream getInputStream() throws IOException {
		if (this.body == null) {
			this.body = new DigestingInputStream(super.getInputStream());
		}
		return this.body;
	}

	/**
	 * The container's reader would bypass the digest: this one reads through it.
	 */
	@Override
	public BufferedReader getReader() throws IOException {
		if (this.reader == null) {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			this.reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}
		return this.reader;
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

	private static final class DigestingInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final MessageDigest digest;

		private long count;

		private DigestingInputStream(ServletInputStream delegate) {
			this.delegate = delegate;
			try {
				this.digest = MessageDigest.getInstance("SHA-256");
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
			}
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			if (b != -1) {
				this.digest.update((byte) b);
				this.count++;
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			if (n > 0) {
				this.digest.update(buffer, offset, n);
				this.count += n;
			}
			return n;
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
