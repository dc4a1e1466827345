package dev.bulwark.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Keycloak from the {@code keycloak-quarkus-dist} zip, for machines without Docker. The distribution is built
 * once ({@code kc.sh build}, about 20 s) and then started {@code --optimized} (about 15 s), on free ports, with an
 * in-memory database, so every run starts from the realm file.
 */
final class KeycloakDistribution implements KeycloakServer {

	/** The system property naming the port the local run would like Keycloak on. */
	static final String PREFERRED_PORT = "bulwark.local.keycloak-port";

	/** Build-time options; a change here re-runs {@code kc.sh build}. */
	private static final List<String> BUILD_OPTIONS = List.of("--db=dev-mem");

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

	private final String baseUrl;

	private final String adminPassword;

	private KeycloakDistribution(String baseUrl, String adminPassword) {
		this.baseUrl = baseUrl;
		this.adminPassword = adminPassword;
	}

	static KeycloakDistribution start(Path home, Path realmFile) {
		if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
			throw new IllegalStateException("No Keycloak distribution at " + home + ": run './mvnw test-compile' first");
		}
		try {
			build(home);
			Path imports = Files.createDirectories(home.resolve("data/import"));
			Files.copy(realmFile, imports.resolve(realmFile.getFileName()), StandardCopyOption.REPLACE_EXISTING);
			int port = port();
			String adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
			ProcessBuilder builder = kc(home, "start", "--optimized", "--http-enabled=true", "--hostname-strict=false",
					"--http-host=127.0.0.1", "--http-port=" + port, "--import-realm");
			builder.environment().putAll(Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", "admin", "KC_BOOTSTRAP_ADMIN_PASSWORD",
					adminPassword));
			Path log = home.resolve("keycloak.log");
			Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "keycloak-stop"));
			String baseUrl = "http://localhost:" + port;
			awaitRealm(baseUrl, process, log);
			return new KeycloakDistribution(baseUrl, adminPassword);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String baseUrl() {
		return this.baseUrl;
	}

	@Override
	public String adminUsername() {
		return "admin";
	}

	@Override
	public String adminPassword() {
		return this.adminPassword;
	}

	private static void build(Path home) throws IOException {
		Path marker = home.resolve(".bulwark-build");
		String options = String.join(" ", BUILD_OPTIONS);
		if (Files.exists(marker) && Files.readString(marker).equals(options)) {
			return;
		}
		List<String> command = new ArrayList<>(List.of("build"));
		command.addAll(BUILD_OPTIONS);
		Path log = home.resolve("keycloak-build.log");
		Process build = kc(home, command.toArray(String[]::new)).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			if (build.waitFor() != 0) {
				throw new IllegalStateException("kc.sh build failed:\n" + Files.readString(log));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			build.destroyForcibly();
			throw new IllegalStateException("Interrupted while building Keycloak", ex);
		}
		Files.writeString(marker, options);
	}

	private static ProcessBuilder kc(Path home, String... arguments) {
		List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
		// A small, fixed heap: Keycloak's default takes 70% of the machine's memory.
		builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		return builder;
	}

	private static void awaitRealm(String baseUrl, Process process, Path log) throws IOException {
		HttpRequest discovery = HttpRequest
			.newBuilder(URI.create(baseUrl + "/realms/bulwark/.well-known/openid-configuration"))
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			Awaitility.await("Keycloak at " + baseUrl)
				.atMost(STARTUP_TIMEOUT)
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptionsInstanceOf(UncheckedIOException.class)
				.until(() -> {
					if (!process.isAlive()) {
						throw new IllegalStateException("Keycloak exited during startup:\n" + Files.readString(log));
					}
					return Http.send(discovery).statusCode() == 200;
				});
		}
		catch (ConditionTimeoutException ex) {
			stop(process);
			throw new IllegalStateException("Keycloak did not start in time:\n" + Files.readString(log), ex);
		}
	}

	private static void stop(Process process) {
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (!process.waitFor(15, TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The port the local run asks for ({@link #PREFERRED_PORT}, docker-compose's, so that one client setup serves
	 * both) when it is free; any free port otherwise, as for the tests.
	 */
	private static int port() throws IOException {
		Integer preferred = Integer.getInteger(PREFERRED_PORT);
		if (preferred != null) {
			try (ServerSocket socket = new ServerSocket(preferred)) {
				return socket.getLocalPort();
			}
			catch (IOException taken) {
				// Taken (docker-compose's Keycloak, say): any port will do, the local run prints where it is.
			}
		}
		return freePort();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
