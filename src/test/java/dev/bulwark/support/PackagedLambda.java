package dev.bulwark.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bulwark.lambda.ColdStartProbe;

/**
 * The Lambda deployment package as the build made it, run in a fresh JVM whose class path is the package and the
 * one-class {@link ColdStartProbe}, configured only by environment variables pointing at the local Keycloak and
 * DynamoDB Local, with the JVM options {@code template.yaml} gives the function and the package's class-data
 * archive, which must then be usable ({@code -Xshare:on}): a stale or broken archive fails the run.
 */
public final class PackagedLambda {

	public static final Path ARTIFACT = Path.of(InfrastructureSettings.load().getProperty("lambda.artifact"));

	/** The class-data archive in the package, recorded by {@link ClassDataArchive}. */
	public static final String CLASS_DATA_ARCHIVE = "bulwark.jsa";

	/** The metrics namespace the packaged function is given, as the template gives it its stack's. */
	public static final String NAMESPACE = "Bulwark/packaged";

	private static final JsonMapper JSON = TestJson.MAPPER;

	private static final Pattern TIMING = Pattern.compile("probe: (handler constructed|event \\d+ answered) in (\\d+) ms");

	private PackagedLambda() {
	}

	/**
	 * What one fresh JVM did: the responses to the events, its output, and the probe's timings in order
	 * (construction first, then each event).
	 */
	public record Run(List<JsonNode> responses, String output, List<Long> millis) {
	}

	/**
	 * Unpacks the package as it is now. Each file keeps its entry's modification time, which the class-data archive
	 * checks its jars by.
	 */
	public static Path unpack(Path target) {
		try (ZipFile file = new ZipFile(ARTIFACT.toFile())) {
			for (ZipEntry entry : file.stream().toList()) {
				Path destination = target.resolve(entry.getName()).normalize();
				if (!destination.startsWith(target)) {
					throw new IOException("Entry outside the target: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(destination);
					continue;
				}
				Files.createDirectories(destination.getParent());
				try (InputStream in = file.getInputStream(entry)) {
					Files.copy(in, destination);
				}
				Files.setLastModifiedTime(destination, entry.getLastModifiedTime());
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs the unpacked package once with the given API Gateway events.
	 */
	public static Run run(Path unpacked, Path work, List<String> events) throws IOException, InterruptedException {
		return run(unpacked, work, events, "api", Map.of(), false, true);
	}

	/**
	 * Runs the unpacked package once with the given API Gateway events, the given environment variables in place
	 * of the usual ones (e.g. other {@code JAVA_TOOL_OPTIONS}), and its class-data archive or not.
	 */
	public static Run run(Path unpacked, Path work, List<String> events, Map<String, String> environment,
			boolean classData) throws IOException, InterruptedException {
		return run(unpacked, work, events, "api", environment, false, classData);
	}

	/**
	 * The package's class path as the archive was recorded with: its jars by name, relative to the package.
	 */
	public static String classPath(Path unpacked) throws IOException {
		try (Stream<Path> jars = Files.list(unpacked.resolve("lib"))) {
			return jars.map((jar) -> "lib/" + jar.getFileName())
				.filter((jar) -> jar.endsWith(".jar"))
				.sorted()
				.collect(Collectors.joining(File.pathSeparator));
		}
	}

	/**
	 * The JVM options {@code template.yaml} gives every function ({@code JAVA_TOOL_OPTIONS}).
	 */
	public static String templateJvmOptions() {
		Map<String, Object> function = DeploymentTemplate.map(DeploymentTemplate.load().section("Globals").get("Function"));
		Map<String, Object> variables = DeploymentTemplate
			.map(DeploymentTemplate.map(function.get("Environment")).get("Variables"));
		return (String) variables.get("JAVA_TOOL_OPTIONS");
	}

	/**
	 * Runs the unpacked package once, primed as before a SnapStart snapshot, with the given environment variables
	 * in place of the local run's (e.g. an issuer nobody answers for), then with the given API Gateway events.
	 */
	public static Run runPrimed(Path unpacked, Path work, Map<String, String> environment, List<String> events)
			throws IOException, InterruptedException {
		return run(unpacked, work, events, "api", environment, true, true);
	}

	/**
	 * Runs the unpacked package's scheduled expiry function once with the given EventBridge events, started as
	 * Lambda starts it (the template's {@code MAIN_CLASS}).
	 */
	public static Run runExpiry(Path unpacked, Path work, List<String> events) throws IOException, InterruptedException {
		return run(unpacked, work, events, "expiry", Map.of(), false, true);
	}

	private static Run run(Path unpacked, Path work, List<String> events, String handler,
			Map<String, String> environment, boolean prime, boolean classData) throws IOException, InterruptedException {
		Path probe = copyProbe(work.resolve("probe").toAbsolutePath());
		List<String> command = new ArrayList<>(List.of(java(), "-Dprobe.handler=" + handler, "-Dprobe.prime=" + prime));
		if (classData) {
			command.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + CLASS_DATA_ARCHIVE));
		}
		command.addAll(List.of("-cp", classPath(unpacked) + File.pathSeparator + probe, ColdStartProbe.class.getName()));
		List<Path> outputs = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			Path in = Files.writeString(work.resolve("event" + i + ".json").toAbsolutePath(), events.get(i));
			Path out = work.resolve("response" + i + ".json").toAbsolutePath();
			Files.deleteIfExists(out);
			command.add(in.toString());
			command.add(out.toString());
			outputs.add(out);
		}
		Path log = work.resolve("probe.log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(unpacked.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().clear();
		builder.environment().put("JAVA_TOOL_OPTIONS", templateJvmOptions());
		builder.environment()
			.putAll(Map.of("BULWARK_ISSUER_URI", KeycloakServer.shared().issuer(DevRealm.NAME), "BULWARK_DYNAMODB_ENDPOINT",
					LocalDynamoDb.shared().endpoint(), "BULWARK_DYNAMODB_REGION", "eu-central-1",
					"BULWARK_DYNAMODB_CREATETABLES", "true", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
					"MAIN_CLASS", "dev.bulwark.BulwarkApplication", "BULWARK_CLOUDWATCH_NAMESPACE", NAMESPACE));
		builder.environment().putAll(environment);
		Process process = builder.start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("The packaged function did not finish:\n" + Files.readString(log));
		}
		String output = Files.readString(log);
		// Into the test run's own output, which the log scan (LogScanIT) reads with everything else.
		System.out.print(output);
		if (process.exitValue() != 0) {
			throw new IllegalStateException("The packaged function failed:\n" + output);
		}
		List<JsonNode> responses = new ArrayList<>();
		for (Path out : outputs) {
			responses.add(JSON.readTree(Files.readString(out)));
		}
		List<Long> millis = new ArrayList<>();
		Matcher timing = TIMING.matcher(output);
		while (timing.find()) {
			millis.add(Long.parseLong(timing.group(2)));
		}
		return new Run(responses, output, millis);
	}

	/**
	 * An HTTP API (payload 2.0) event, with a bearer token when one is given.
	 */
	public static String httpApiEvent(String method, String path, @Nullable String token) {
		ApiGatewayEvent event = ApiGatewayEvent.httpApi(method, path).requestId("packaged");
		return ((token != null) ? event.token(token) : event).toString();
	}

	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static Path copyProbe(Path target) throws IOException {
		String resource = ColdStartProbe.class.getName().replace('.', '/') + ".class";
		try {
			Path compiled = Path.of(ColdStartProbe.class.getClassLoader().getResource(resource).toURI());
			Path destination = target.resolve(resource);
			Files.createDirectories(destination.getParent());
			Files.copy(compiled, destination, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
