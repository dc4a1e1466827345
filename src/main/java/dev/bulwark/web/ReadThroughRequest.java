package dev.bulwark.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A request whose body reaches the application only through one stream of the subclass's making, however it is
 * read: as a stream, or through a reader that decodes that stream (the container's own reader would read past
 * it). One stream for the whole request, so that whatever it counts holds however often it is asked for.
 */
public abstract class ReadThroughRequest extends HttpServletRequestWrapper {

	private @Nullable ServletInputStream body;

	private @Nullable BufferedReader reader;

	protected ReadThroughRequest(HttpServletRequest request) {
		super(request);
	}

	/**
	 * The stream the body is read through, around the container's; asked for once, when the body first is.
	 */
	protected abstract ServletInputStream readThrough(ServletInputStream body) throws IOException;

	@Override
	public final ServletInputStream getInputStream() throws IOException {
		if (this.body == null) {
			this.body = readThrough(super.getInputStream());
		}
		return this.body;
	}

	@Override
	public final BufferedReader getReader() throws IOException {
		if (this.reader == null) {
			String encoding = getCharacterEncoding();
			Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
			this.reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
		}
		return this.reader;
	}

	/**
	 * Base of the streams a body is read through: the container's stream beneath, which says when the body is
	 * finished or ready and takes the read listener; subclasses do the reading.
	 */
	public abstract static class Stream extends ServletInputStream {

		protected final ServletInputStream container;

		protected Stream(ServletInputStream container) {
			this.container = container;
		}

		@Override
		public boolean isFinished() {
			return this.container.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.container.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.container.setReadListener(listener);
		}

	}

}
