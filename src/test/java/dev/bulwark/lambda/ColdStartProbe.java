package dev.bulwark.lambda;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * Runs in a fresh JVM on the packaged Lambda artifact's class path and nothing else, the way Lambda runs the
 * function: constructs the handler, then feeds it each event file and writes each response file. Prints how long
 * construction and each invocation took. Used by {@code LambdaArtifactIT} and {@code bench/lambda-cold-start.sh}.
 *
 * <p>Arguments: pairs of event file and response file; with the system property {@code probe.handler=expiry}, the
 * scheduled expiry function's handler instead of the HTTP API's; with {@code probe.prime=true}, the HTTP API's
 * handler is primed as before a SnapStart snapshot (and told it was restored) before the first event.
 */
public final class ColdStartProbe {

	private ColdStartProbe() {
	}

	public static void main(String[] args) throws Exception {
		long start = System.nanoTime();
		RequestStreamHandler handler = "expiry".equals(System.getProperty("probe.handler")) ? new OrderExpiryHandler()
				: new ApiGatewayHandler();
		long constructed = System.nanoTime();
		System.err.printf("probe: handler constructed in %d ms%n", (constructed - start) / 1_000_000);
		if (Boolean.getBoolean("probe.prime") && handler instanceof ApiGatewayHandler api) {
			api.beforeCheckpoint(null);
			api.afterRestore(null);
			System.err.printf("probe: primed after %d ms more%n", (System.nanoTime() - constructed) / 1_000_000);
		}
		for (int i = 0; i + 1 < args.length; i += 2) {
			long before = System.nanoTime();
			try (InputStream event = Files.newInputStream(Path.of(args[i]));
					OutputStream response = Files.newOutputStream(Path.of(args[i + 1]))) {
				handler.handleRequest(event, response, null);
			}
			System.err.printf("probe: event %d answered in %d ms (%d ms since start)%n", i / 2 + 1,
					(System.nanoTime() - before) / 1_000_000, (System.nanoTime() - start) / 1_000_000);
		}
		System.exit(0);
	}

}
