package dev.bulwark.lambda;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bulwark.security.TokenFingerprint;
import dev.bulwark.support.InfrastructureSettings;
import dev.bulwark.support.PackagedLambda;
import dev.bulwark.support.TestJson;
import dev.bulwark.support.Tokens;
import dev.bulwark.support.Tripwire;

import static dev.bulwark.support.PackagedLambda.httpApiEvent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment package as built: no servlet container inside, and it serves API Gateway events in a fresh JVM
 * whose class path is the package and nothing else (plus the one-class probe that plays Lambda), configured only
 * by environment variables, as in AWS. A missing class or a stray Tomcat fails here, not after a deployment.
 */
class LambdaArtifactIT {

	private static final JsonMapper JSON = TestJson.MAPPER;

	private static final String APPLICATION_JAR = "bulwark-" + InfrastructureSettings.load().getProperty("project.version")
			+ ".jar";

	private static List<String> auditMessages(PackagedLambda.Run run) {
		return run.output()
			.lines()
			.filter(line -> line.startsWith("{"))
			.map(JSON::readTree)
			.filter(line -> "bulwark.audit".equals(line.path("log").path("logger").asString(null)))
			.map(line -> line.path("message").asString())
			.toList();
	}

	@TempDir
	static Path work;

	private static PackagedLambda.Run run;

	private static PackagedLambda.Run expiry;

	private static PackagedLambda.Run primed;

	private static int tripped;

	private static String alice;

	@BeforeAll
	static void runThePackageInAFreshJvm() throws Exception {
		alice = Tokens.shared().user("alice");
		Path unpacked = PackagedLambda.unpack(work.resolve("package"));
		run = PackagedLambda.run(unpacked, work.resolve("api"), List.of(httpApiEvent("GET", "/me", alice),
				httpApiEvent("GET", "/orders", alice), httpApiEvent("GET", "/orders", null)));
		expiry = PackagedLambda.runExpiry(unpacked, work.resolve("expiry"), List.of("""
				{"version":"0","id":"packaged","detail-type":"Scheduled Event","source":"aws.events",
				 "account":"123456789012","time":"%s","region":"eu-central-1","resources":[],"detail":{}}
				""".formatted(Instant.now())));
		try (Tripwire nobody = Tripwire.start()) {
			primed = PackagedLambda.runPrimed(unpacked, work.resolve("primed"),
					Map.of("BULWARK_ISSUER_URI", nobody.url() + "/realms/bulwark", "BULWARK_DYNAMODB_ENDPOINT",
							nobody.url(), "BULWARK_DYNAMODB_CREATETABLES", "false", "BULWARK_RATELIMIT_FLEET_ENABLED",
							"true"),
					List.of(httpApiEvent("GET", "/me", null)));
			tripped = nobody.connections();
		}
	}

	@Test
	void packageHoldsNoServletContainer() throws IOException {
		try (ZipFile zip = new ZipFile(PackagedLambda.ARTIFACT.toFile())) {
			assertThat(zip.stream().map(ZipEntry::getName))
				.noneMatch(name -> name.matches("lib/(tomcat-embed-core|tomcat-embed-websocket|spring-boot-tomcat|jetty|undertow).*"))
				.contains("lib/" + APPLICATION_JAR);
		}
		assertThat(applicationJarEntries()).contains("dev/bulwark/lambda/ApiGatewayHandler.class", "application.yml");
	}

	@Test
	void packageHoldsNoTestOrDevelopmentDependencies() throws IOException {
		try (ZipFile zip = new ZipFile(PackagedLambda.ARTIFACT.toFile())) {
			assertThat(zip.stream().map(ZipEntry::getName))
				.noneMatch(name -> name.matches("lib/(DynamoDBLocal|junit|testcontainers|spring-boot-test|assertj|mockito|awaitility).*"))
				.noneMatch(name -> name.startsWith("dev/"));
		}
		assertThat(applicationJarEntries()).noneMatch(name -> name.startsWith("dev/bulwark/support/"))
			.noneMatch(name -> name.endsWith("Tests.class") || name.endsWith("IT.class"));
	}

	/**
	 * Every run of the package here starts with {@code -Xshare:on}, which refuses to start on an archive that does
	 * not fit the package; this checks it is there to be refused.
	 */
	@Test
	void packageHoldsTheClassDataArchiveItsRunsStartFrom() throws IOException {
		try (ZipFile zip = new ZipFile(PackagedLambda.ARTIFACT.toFile())) {
			assertThat(zip.getEntry(PackagedLambda.CLASS_DATA_ARCHIVE)).isNotNull();
		}
	}

	private static List<String> applicationJarEntries() throws IOException {
		try (ZipFile zip = new ZipFile(PackagedLambda.ARTIFACT.toFile());
				ZipInputStream jar = new ZipInputStream(zip.getInputStream(zip.getEntry("lib/" + APPLICATION_JAR)))) {
			List<String> names = new ArrayList<>();
			for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
				names.add(entry.getName());
			}
			return names;
		}
	}

	@Test
	void packagedFunctionValidatesARealToken() {
		JsonNode me = run.responses().get(0);

		assertThat(me.get("statusCode").asInt()).as(run.output()).isEqualTo(200);
		assertThat(JSON.readTree(me.get("body").asString()).get("username").asString()).isEqualTo("alice");
	}

	@Test
	void packagedFunctionReadsDynamoDb() {
		JsonNode orders = run.responses().get(1);

		assertThat(orders.get("statusCode").asInt()).as(run.output()).isEqualTo(200);
		assertThat(JSON.readTree(orders.get("body").asString()).has("items")).isTrue();
	}

	@Test
	void packagedExpiryFunctionRunsAsLambdaStartsIt() {
		JsonNode report = expiry.responses().get(0);

		assertThat(report.has("expired")).as(expiry.output()).isTrue();
		assertThat(report.get("cutoff").asString()).isNotBlank();
	}

	@Test
	void packagedFunctionWritesJsonLogLinesWithOneAuditLinePerRequest() {
		List<JsonNode> audit = run.output()
			.lines()
			.filter(line -> line.startsWith("{"))
			.map(JSON::readTree)
			.filter(line -> "bulwark.audit".equals(line.path("log").path("logger").asString(null)))
			.toList();

		assertThat(audit).as(run.output()).hasSize(3);
		assertThat(audit).extracting(line -> line.path("message").asString())
			.containsExactly("GET /me 200 allowed", "GET /orders 200 allowed", "GET /orders 401 unauthenticated");
		assertThat(audit).allSatisfy(line -> {
			assertThat(line.path("http").path("request").path("id").asString()).isNotBlank();
			assertThat(line.path("faas").path("trigger").path("request_id").asString()).isEqualTo("packaged");
		});
		assertThat(audit.get(0).path("bulwark").path("token").asString())
			.isEqualTo(TokenFingerprint.of(alice)).hasSize(32);
		assertThat(audit.get(0).path("user").path("id").asString()).isNotBlank();
		assertThat(audit.get(2).path("bulwark").path("reason").asString()).isEqualTo("missing");
		for (String part : alice.split("\\.")) {
			assertThat(run.output()).doesNotContain(part);
		}
	}

	@Test
	void packagedFunctionWritesOneMetricLinePerRequestInTheConfiguredNamespace() {
		List<JsonNode> metrics = run.output()
			.lines()
			.filter(line -> line.startsWith("{\"_aws\""))
			.map(JSON::readTree)
			.toList();

		assertThat(metrics).as(run.output()).hasSize(3);
		assertThat(metrics).extracting(line -> line.path("outcome").asString())
			.containsExactly("allowed", "allowed", "unauthenticated");
		assertThat(metrics).allSatisfy(line -> assertThat(
				line.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asString())
			.isEqualTo(PackagedLambda.NAMESPACE));
		assertThat(metrics.get(2).path("reason").asString()).isEqualTo("missing");
	}

	@Test
	void primingRunsAuthenticatedRequestsWithoutReachingTheIssuerOrDynamoDb() {
		List<String> audit = auditMessages(primed);

		assertThat(tripped).as(primed.output()).isZero();
		assertThat(audit).as(primed.output())
			.containsSubsequence("GET /me 200 allowed", "POST /orders 400 invalid");
		assertThat(primed.output()).contains("probe: primed after");
	}

	@Test
	void primedFunctionServesAsBefore() {
		assertThat(primed.responses().get(0).get("statusCode").asInt()).isEqualTo(401);
		assertThat(auditMessages(primed)).last().isEqualTo("GET /me 401 unauthenticated");
	}

	@Test
	void packagedFunctionRefusesAMissingTokenWithAProblem() {
		JsonNode refused = run.responses().get(2);

		assertThat(refused.get("statusCode").asInt()).isEqualTo(401);
		assertThat(refused.get("headers").get("Content-Type").asString()).isEqualTo("application/problem+json");
	}

}
