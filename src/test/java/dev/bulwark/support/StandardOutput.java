package dev.bulwark.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What code under test prints to standard output, where Lambda's logs go, still passed on to the test run's own
 * output (which the log scan reads).
 */
public final class StandardOutput {

	private StandardOutput() {
	}

	/**
	 * Runs the action and returns the lines it printed, on this or any other thread, while it ran.
	 */
	public static List<String> linesPrintedBy(Runnable action) {
		PrintStream original = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		OutputStream both = new OutputStream() {
			@Override
			public void write(int b) {
				original.write(b);
				captured.write(b);
			}

			@Override
			public void write(byte[] bytes, int offset, int length) {
				original.write(bytes, offset, length);
				captured.write(bytes, offset, length);
			}
		};
		System.setOut(new PrintStream(both, true, StandardCharsets.UTF_8));
		try {
			action.run();
		}
		finally {
			System.out.flush();
			System.setOut(original);
		}
		return captured.toString(StandardCharsets.UTF_8).lines().toList();
	}

}
