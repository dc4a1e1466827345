package dev.bulwark.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /me} through Bulwark's whole stack (rate limits on, audit on) next to two peers that only check the
 * token: the resource server of the Spring Security reference ({@code bench/peers/spring-resource-server}) and an
 * Express handler as the usual article writes it ({@code bench/peers/node-article}). All three run against one
 * Keycloak (the dev realm), each as a process of its own pinned to one core; the load generators and Keycloak run
 * on another. Per server: a warm-up, then rounds of wrk in which every server takes its turn (ratios are read
 * within a round, so a busy neighbour slows a whole round, not one server), then an open-loop run with hey at a
 * fixed rate (and, for Bulwark, the same run as its audit lines saw it), then the same rate paced evenly and
 * without coordinated omission ({@link PacedLoad}), then the resident memory. Optionally, the warm-up curve of
 * each server right after it answers. For {@code bench/get-me.sh}, which documents the settings; a measurement, not
 * a test.
 */
public final class GetMeComparison {

	private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern WRK_P99 = Pattern.compile("^\\s+99%\\s+([0-9.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE);

	private static final Pattern WRK_SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");

	private static final Pattern HEY_PERCENTILE = Pattern.compile("^\\s+(\\d+)%+ in ([0-9.]+) secs", Pattern.MULTILINE);

	private static final Pattern HEY_STATUS = Pattern.compile("^\\s+\\[(\\d+)\\]\\s+(\\d+) responses", Pattern.MULTILINE);

	private static final Pattern HEY_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern AUDIT_DURATION = Pattern.compile("bulwark\\.audit.*event\\.duration=\"(\\d+)\"");

	/** Longer runs are split, so that no run outlives its 5-minute token. */
	private static final int LONGEST_RUN_SECONDS = 60;

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(3);

	private final Settings settings;

	private final Path output;

	private final List<Server> servers = new ArrayList<>();

	private GetMeComparison(Settings settings, Path output) {
		this.settings = settings;
		this.output = output;
	}

	/**
	 * Arguments: Bulwark's Boot jar, the Spring peer's jar, the Node peer's directory, and a directory for the
	 * servers' logs and the load generators' raw output.
	 */
	public static void main(String[] args) {
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		try {
			Settings settings = Settings.fromEnvironment();
			GetMeComparison comparison = new GetMeComparison(settings, Files.createDirectories(Path.of(args[3])));
			Runtime.getRuntime().addShutdownHook(new Thread(comparison::stopServers, "get-me-servers-stop"));
			comparison.run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
			System.exit(0);
		}
		catch (Exception ex) {
			ex.printStackTrace();
			System.exit(1);
		}
	}

	private void run(Path bulwarkJar, Path springJar, Path nodeDirectory) throws IOException, InterruptedException {
		String issuer = KeycloakServer.shared().issuer(DevRealm.NAME);
		String dynamoDb = quietly(() -> LocalDynamoDb.shared().endpoint());
		print("Keycloak %s, DynamoDB Local %s (core %s, with the load generators)", KeycloakServer.shared().baseUrl(),
				dynamoDb, this.settings.loadCpu());
		print("JVM options of both Java servers (the Dockerfile's JAVA_TOOL_OPTIONS): %s; MALLOC_ARENA_MAX: %s",
				this.settings.javaToolOptions().isEmpty() ? "none" : this.settings.javaToolOptions(),
				this.settings.mallocArenaMax().isEmpty() ? "unset" : this.settings.mallocArenaMax());
		String token = freshToken();
		// One at a time: they share a core, and each one's start would slow the others'.
		start("bulwark", token, javaServer(bulwarkJar, "--bulwark.dynamodb.endpoint=" + dynamoDb,
				"--bulwark.dynamodb.region=eu-central-1", "--bulwark.dynamodb.create-tables=true",
				"--bulwark.rate-limit.enabled=true",
				// A limit no run reaches: what is measured is the limiter's work, not its refusals.
				"--bulwark.rate-limit.tiers.default.limit=1000000", "--bulwark.rate-limit.tiers.default.period=1m"),
				Map.of("BULWARK_ISSUER_URI", issuer, "BULWARK_AUDIENCE", "bulwark-api", "AWS_ACCESS_KEY_ID", "local",
						"AWS_SECRET_ACCESS_KEY", "local"), null);
		start("spring", token, javaServer(springJar), Map.of("ISSUER_URI", issuer, "AUDIENCE", "bulwark-api"), null);
		start("node", token, List.of("node", "server.js"), Map.of("ISSUER", issuer, "AUDIENCE", "bulwark-api"),
				nodeDirectory);
		print("servers on core %s: %s", this.settings.serverCpu(), String.join(", ",
				this.servers.stream().map(server -> server.name() + " (pid " + server.process().pid() + ")").toList()));

		for (Server server : this.servers) {
			print("warm-up %s: %d s", server.name(), this.settings.warmUpSeconds());
			for (int left = this.settings.warmUpSeconds(); left > 0; left -= LONGEST_RUN_SECONDS) {
				wrk(server, freshToken(), Math.min(left, LONGEST_RUN_SECONDS), "warm-up");
			}
		}

		Map<String, List<Wrk>> closedLoop = new LinkedHashMap<>();
		List<Double> toSpring = new ArrayList<>();
		List<Double> toNode = new ArrayList<>();
		for (int round = 1; round <= this.settings.rounds(); round++) {
			token = freshToken();
			Map<String, Wrk> results = new LinkedHashMap<>();
			for (Server server : this.servers) {
				Wrk result = wrk(server, token, this.settings.runSeconds(), "round-" + round);
				results.put(server.name(), result);
				closedLoop.computeIfAbsent(server.name(), name -> new ArrayList<>()).add(result);
			}
			double bulwark = results.get("bulwark").rate();
			toSpring.add(bulwark / results.get("spring").rate());
			toNode.add(bulwark / results.get("node").rate());
			StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "round %d:", round));
			results.forEach((name, result) -> line.append(String.format(Locale.ROOT, " %s %.0f req/s p99 %.2f ms%s;",
					name, result.rate(), result.p99Millis(), result.socketErrors().isEmpty() ? "" : " (" + result.socketErrors() + ")")));
			line.append(String.format(Locale.ROOT, " bulwark/spring %.2f, bulwark/node %.2f", toSpring.get(round - 1),
					toNode.get(round - 1)));
			print("%s", line);
		}

		Map<String, OpenLoop> openLoop = new LinkedHashMap<>();
		for (Server server : this.servers) {
			OpenLoop result = hey(server, freshToken());
			openLoop.put(server.name(), result);
			print("open loop %s: %.0f req/s, p50 %.2f ms, p99 %.2f ms", server.name(), result.rate(), result.p50Millis(),
					result.p99Millis());
		}

		Server bulwark = this.servers.stream().filter(server -> server.name().equals("bulwark")).findFirst().orElseThrow();
		double[] inside = auditedMillis(bulwark.log(), openLoop.get("bulwark").responses());
		print("open loop bulwark, inside the application (event.duration of the audit lines of its last %d requests):"
				+ " p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms", openLoop.get("bulwark").responses(), inside[0], inside[1],
				inside[2]);

		Map<String, PacedLoad.Result> paced = new LinkedHashMap<>();
		for (Server server : this.servers) {
			PacedLoad.Result result = paced(server, freshToken());
			paced.put(server.name(), result);
			print("open loop, paced, %s: %s", server.name(), result.summary());
		}
		double[] insidePaced = auditedMillis(bulwark.log(), paced.get("bulwark").sortedNanos().length);
		print("open loop, paced, bulwark, inside the application: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms",
				insidePaced[0], insidePaced[1], insidePaced[2]);

		Map<String, long[]> memory = new LinkedHashMap<>();
		for (Server server : this.servers) {
			memory.put(server.name(), residentKilobytes(server.process().pid()));
		}
		report(closedLoop, openLoop, paced, memory, toSpring, toNode, inside, insidePaced);
	}

	private void report(Map<String, List<Wrk>> closedLoop, Map<String, OpenLoop> openLoop,
			Map<String, PacedLoad.Result> paced, Map<String, long[]> memory, List<Double> toSpring, List<Double> toNode,
			double[] insideBulwark, double[] insideBulwarkPaced) {
		Settings s = this.settings;
		print("");
		print("GET /me, one token, each server pinned to core %s, load on core %s", s.serverCpu(), s.loadCpu());
		print("closed loop: wrk -t%d -c%d, %d s warm-up each, then %d rounds x %d s; open loop: hey -c %d -q %d (%d req/s) for %d s",
				s.wrkThreads(), s.connections(), s.warmUpSeconds(), s.rounds(), s.runSeconds(), s.openLoopWorkers(),
				s.openLoopRate(), s.openLoopWorkers() * s.openLoopRate(), s.openLoopSeconds());
		print("");
		print("| server | req/s, median (range) | p99, median | open loop: req/s | p50 | p99 | RSS after the load (peak) |");
		print("| --- | --- | --- | --- | --- | --- | --- |");
		for (Server server : this.servers) {
			List<Wrk> runs = closedLoop.get(server.name());
			List<Double> rates = runs.stream().map(Wrk::rate).sorted().toList();
			OpenLoop open = openLoop.get(server.name());
			long[] rss = memory.get(server.name());
			print("| %s | %.0f (%.0f–%.0f) | %.2f ms | %.0f | %.2f ms | %.2f ms | %d MB (%d MB) |", server.name(),
					median(rates), rates.get(0), rates.get(rates.size() - 1),
					median(runs.stream().map(Wrk::p99Millis).toList()), open.rate(), open.p50Millis(), open.p99Millis(),
					rss[0] / 1024, rss[1] / 1024);
		}
		print("");
		print("bulwark/spring: %.2f (median of the rounds' ratios %s); goal >= 2.0", median(toSpring), ratios(toSpring));
		print("bulwark/node:   %.2f (median of the rounds' ratios %s); goal >= 1.0", median(toNode), ratios(toNode));
		OpenLoop bulwark = openLoop.get("bulwark");
		print("bulwark open loop: p50 %.2f ms (goal <= 1 ms), p99 %.2f ms (goal <= 3 ms); RSS %d MB (goal <= 256 MB)",
				bulwark.p50Millis(), bulwark.p99Millis(), memory.get("bulwark")[0] / 1024);
		print("bulwark open loop inside the application: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms", insideBulwark[0],
				insideBulwark[1], insideBulwark[2]);
		print("");
		print("open loop, paced: %d connections, %d req/s evenly spaced, %d s, latency from the intended send time",
				s.openLoopWorkers(), s.openLoopWorkers() * s.openLoopRate(), s.openLoopSeconds());
		print("| server | req/s | p50 | p90 | p99 | p99.9 | max | reconnections |");
		print("| --- | --- | --- | --- | --- | --- | --- | --- |");
		paced.forEach((name, result) -> print("| %s | %.0f | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %d |", name,
				result.rate(), result.millis(0.5), result.millis(0.9), result.millis(0.99), result.millis(0.999),
				result.millis(1.0), result.reconnections()));
		PacedLoad.Result bulwarkPaced = paced.get("bulwark");
		print("bulwark open loop, paced: p50 %.2f ms (goal <= 1 ms), p99 %.2f ms (goal <= 3 ms); inside the application"
				+ " p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms", bulwarkPaced.millis(0.5), bulwarkPaced.millis(0.99),
				insideBulwarkPaced[0], insideBulwarkPaced[1], insideBulwarkPaced[2]);
	}

	/** DynamoDB Local prints its settings on standard output when it starts, which is where the results go. */
	private static <T> T quietly(Supplier<T> start) {
		PrintStream out = System.out;
		System.setOut(new PrintStream(OutputStream.nullOutputStream()));
		try {
			return start.get();
		}
		finally {
			System.setOut(out);
		}
	}

	private List<String> javaServer(Path jar, String... arguments) {
		List<String> command = new ArrayList<>(List.of("java", "-jar", jar.toAbsolutePath().toString()));
		command.addAll(List.of(arguments));
		return command;
	}

	private void start(String name, String token, List<String> command, Map<String, String> environment,
			@Nullable Path directory) throws IOException, InterruptedException {
		int port = freePort();
		List<String> pinned = new ArrayList<>(List.of("taskset", "-c", this.settings.serverCpu()));
		pinned.addAll(command);
		if (command.get(0).equals("java")) {
			pinned.add("--server.port=" + port);
		}
		ProcessBuilder builder = new ProcessBuilder(pinned);
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		builder.environment().remove("MALLOC_ARENA_MAX");
		if (command.get(0).equals("java") && !this.settings.javaToolOptions().isEmpty()) {
			builder.environment().put("JAVA_TOOL_OPTIONS", this.settings.javaToolOptions());
		}
		if (command.get(0).equals("java") && !this.settings.mallocArenaMax().isEmpty()) {
			builder.environment().put("MALLOC_ARENA_MAX", this.settings.mallocArenaMax());
		}
		builder.environment().putAll(environment);
		builder.environment().put("PORT", Integer.toString(port));
		if (directory != null) {
			builder.directory(directory.toFile());
		}
		Path log = this.output.resolve(name + ".log");
		Instant started = Instant.now();
		// taskset replaces itself with the server, so the process's pid is the server's own.
		Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		Server server = new Server(name, port, process, log);
		this.servers.add(server);
		HttpRequest me = HttpRequest.newBuilder(URI.create(server.url()))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(5))
			.build();
		Instant deadline = started.plus(STARTUP_TIMEOUT);
		while (true) {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " exited during startup; its log: " + log);
			}
			try {
				int status = Http.send(me).statusCode();
				if (status == 200) {
					break;
				}
				if (status != 503) {
					throw new IllegalStateException(name + " answered GET /me with " + status + "; its log: " + log);
				}
			}
			catch (UncheckedIOException ex) {
				// Not listening yet.
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(name + " did not answer within " + STARTUP_TIMEOUT + "; its log: " + log);
			}
			Thread.sleep(250);
		}
		print("%s answers on port %d after %.1f s%s", name, port,
				Duration.between(started, Instant.now()).toMillis() / 1000.0, compilerTime(server));
		for (int window = 1; window <= this.settings.timelineWindows(); window++) {
			Wrk result = wrk(server, freshToken(), this.settings.runSeconds(), "timeline-" + window);
			print("%s, %d s after it answered: %.0f req/s%s", name, window * this.settings.runSeconds(), result.rate(),
					compilerTime(server));
		}
	}

	/**
	 * The CPU time the JIT compiler threads of a Java server have used so far (those still alive: the JVM stops
	 * extra compiler threads once they idle), from {@code /proc}; nothing for other servers.
	 */
	private static String compilerTime(Server server) throws IOException {
		Map<String, Long> ticks = new LinkedHashMap<>();
		try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(server.process().pid()), "task"))) {
			for (Path task : tasks) {
				String name = Files.readString(task.resolve("comm")).strip();
				if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
					String stat = Files.readString(task.resolve("stat"));
					// After the name in brackets: state is field 3, user and system time fields 14 and 15.
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					ticks.merge(name.substring(0, 2), Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
				}
			}
		}
		catch (NoSuchFileException ex) {
			return "";
		}
		if (ticks.isEmpty()) {
			return "";
		}
		StringBuilder line = new StringBuilder("; CPU of its JIT compilers so far:");
		// Linux counts these in clock ticks of 1/100 s.
		ticks.forEach((compiler, used) -> line.append(String.format(Locale.ROOT, " %s %.1f s", compiler, used / 100.0)));
		return line.toString();
	}

	private Wrk wrk(Server server, String token, int seconds, String label) throws IOException, InterruptedException {
		String out = load(server, label + "-wrk", "wrk", "-t" + this.settings.wrkThreads(),
				"-c" + this.settings.connections(), "-d" + seconds + "s", "--latency", "-H", "Authorization: Bearer " + token,
				server.url());
		if (out.contains("Non-2xx")) {
			throw new IllegalStateException("wrk saw answers other than 200 from " + server.name() + ":\n" + out);
		}
		Matcher rate = WRK_RATE.matcher(out);
		Matcher p99 = WRK_P99.matcher(out);
		if (!rate.find() || !p99.find()) {
			throw new IllegalStateException("No rate or p99 in wrk's output:\n" + out);
		}
		Matcher errors = WRK_SOCKET_ERRORS.matcher(out);
		return new Wrk(Double.parseDouble(rate.group(1)), millis(Double.parseDouble(p99.group(1)), p99.group(2)),
				errors.find() ? "socket errors: " + errors.group(1) : "");
	}

	private OpenLoop hey(Server server, String token) throws IOException, InterruptedException {
		Settings s = this.settings;
		String out = load(server, "open-loop-hey", "hey", "-z", s.openLoopSeconds() + "s", "-c",
				Integer.toString(s.openLoopWorkers()), "-q", Integer.toString(s.openLoopRate()), "-H",
				"Authorization: Bearer " + token, server.url());
		Matcher status = HEY_STATUS.matcher(out);
		boolean any = false;
		long responses = 0;
		while (status.find()) {
			any = true;
			responses += Long.parseLong(status.group(2));
			if (!status.group(1).equals("200")) {
				throw new IllegalStateException("hey saw answers other than 200 from " + server.name() + ":\n" + out);
			}
		}
		if (!any || out.contains("Error distribution")) {
			throw new IllegalStateException("hey saw errors from " + server.name() + ":\n" + out);
		}
		Map<String, Double> percentiles = new LinkedHashMap<>();
		Matcher percentile = HEY_PERCENTILE.matcher(out);
		while (percentile.find()) {
			percentiles.put(percentile.group(1), Double.parseDouble(percentile.group(2)) * 1000);
		}
		Matcher rate = HEY_RATE.matcher(out);
		if (!percentiles.containsKey("50") || !percentiles.containsKey("99") || !rate.find()) {
			throw new IllegalStateException("No p50, p99 or rate in hey's output:\n" + out);
		}
		return new OpenLoop(Double.parseDouble(rate.group(1)), percentiles.get("50"), percentiles.get("99"), responses);
	}

	/** The open loop again, paced evenly and without coordinated omission (see {@link PacedLoad}). */
	private PacedLoad.Result paced(Server server, String token) throws IOException, InterruptedException {
		Settings s = this.settings;
		PacedLoad.Result result = new PacedLoad(URI.create(server.url()), "Bearer " + token, s.openLoopWorkers(),
				s.openLoopWorkers() * s.openLoopRate())
			.run(Duration.ofSeconds(s.openLoopSeconds()));
		Files.writeString(this.output.resolve(server.name() + "-open-loop-paced.txt"), result.summary() + "\n",
				StandardCharsets.UTF_8);
		return result;
	}

	/**
	 * p50, p99 and p99.9 of the time the last {@code requests} requests spent in Bulwark's filter chain, which its
	 * audit line records for every request ({@code event.duration}, in nanoseconds): the open loop's latency without
	 * the load generator, the loopback and Tomcat's hand-over to a worker thread.
	 */
	private static double[] auditedMillis(Path log, long requests) throws IOException {
		ArrayDeque<Long> last = new ArrayDeque<>();
		try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
			lines.map(AUDIT_DURATION::matcher).filter(Matcher::find).forEach(duration -> {
				last.addLast(Long.parseLong(duration.group(1)));
				if (last.size() > requests) {
					last.removeFirst();
				}
			});
		}
		if (last.size() < requests) {
			throw new IllegalStateException("Only " + last.size() + " audit lines with a duration in " + log);
		}
		long[] sorted = last.stream().mapToLong(Long::longValue).sorted().toArray();
		return new double[] { quantile(sorted, 0.5), quantile(sorted, 0.99), quantile(sorted, 0.999) };
	}

	private static double quantile(long[] sortedNanos, double quantile) {
		int index = (int) Math.ceil(quantile * sortedNanos.length) - 1;
		return sortedNanos[Math.max(0, index)] / 1_000_000.0;
	}

	/** Runs a load generator on the load core and keeps its output next to the servers' logs. */
	private String load(Server server, String label, String... command) throws IOException, InterruptedException {
		List<String> pinned = new ArrayList<>(List.of("taskset", "-c", this.settings.loadCpu()));
		pinned.addAll(List.of(command));
		Process load = new ProcessBuilder(pinned).redirectErrorStream(true).start();
		String out = new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (load.waitFor() != 0) {
			throw new IllegalStateException(command[0] + " failed:\n" + out);
		}
		Files.writeString(this.output.resolve(server.name() + "-" + label + ".txt"), out, StandardCharsets.UTF_8);
		return out;
	}

	/** VmRSS and VmHWM (the peak) in kB. */
	private static long[] residentKilobytes(long pid) throws IOException {
		long rss = -1;
		long peak = -1;
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
			if (line.startsWith("VmRSS:")) {
				rss = kilobytes(line);
			}
			else if (line.startsWith("VmHWM:")) {
				peak = kilobytes(line);
			}
		}
		return new long[] { rss, peak };
	}

	private static long kilobytes(String statusLine) {
		return Long.parseLong(statusLine.replaceAll("[^0-9]", ""));
	}

	private static String freshToken() {
		// A new sign-in: the token has all of its 5 minutes ahead of it.
		return Tokens.shared().signIn("alice").get("access_token").asString();
	}

	private void stopServers() {
		for (Server server : this.servers) {
			server.process().destroy();
		}
		for (Server server : this.servers) {
			try {
				if (!server.process().waitFor(15, TimeUnit.SECONDS)) {
					server.process().destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				server.process().destroyForcibly();
			}
		}
	}

	private static double millis(double value, String unit) {
		return switch (unit) {
			case "us" -> value / 1000;
			case "ms" -> value;
			case "s" -> value * 1000;
			case "m" -> value * 60_000;
			default -> throw new IllegalArgumentException("Unknown unit " + unit);
		};
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static String ratios(List<Double> values) {
		return String.join(", ", values.stream().map(value -> String.format(Locale.ROOT, "%.2f", value)).toList());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void print(String format, Object... arguments) {
		System.out.println(String.format(Locale.ROOT, format, arguments));
	}

	private record Server(String name, int port, Process process, Path log) {

		String url() {
			return "http://127.0.0.1:" + this.port + "/me";
		}

	}

	private record Wrk(double rate, double p99Millis, String socketErrors) {
	}

	private record OpenLoop(double rate, double p50Millis, double p99Millis, long responses) {
	}

	/**
	 * What {@code bench/get-me.sh} passes on from its environment; its header documents each one.
	 */
	private record Settings(int warmUpSeconds, int rounds, int runSeconds, int connections, int wrkThreads,
			int openLoopSeconds, int openLoopWorkers, int openLoopRate, String serverCpu, String loadCpu,
			String javaToolOptions, String mallocArenaMax, int timelineWindows) {

		static Settings fromEnvironment() {
			Settings settings = new Settings(number("WARMUP_SECONDS", 30), number("ROUNDS", 3), number("RUN_SECONDS", 10),
					number("CONNECTIONS", 32), number("WRK_THREADS", 2), number("OPEN_LOOP_SECONDS", 15),
					number("OPEN_LOOP_WORKERS", 10), number("OPEN_LOOP_RATE", 100), text("SERVER_CPU", "1"),
					text("LOAD_CPU", "0"), text("SERVER_JAVA_TOOL_OPTIONS", "").strip(), text("SERVER_MALLOC_ARENA_MAX", "").strip(),
					number("TIMELINE_WINDOWS", 0));
			if (settings.runSeconds() > LONGEST_RUN_SECONDS || settings.openLoopSeconds() > LONGEST_RUN_SECONDS) {
				throw new IllegalArgumentException("RUN_SECONDS and OPEN_LOOP_SECONDS are at most " + LONGEST_RUN_SECONDS
						+ ": a run must not outlive its token");
			}
			return settings;
		}

		private static int number(String name, int fallback) {
			String value = System.getenv(name);
			return (value == null || value.isBlank()) ? fallback : Integer.parseInt(value.strip());
		}

		private static String text(String name, String fallback) {
			String value = System.getenv(name);
			return (value == null || value.isBlank()) ? fallback : value;
		}

	}

}
