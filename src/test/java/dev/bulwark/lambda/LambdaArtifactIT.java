package dev.bulwark.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.bulwark.support.DevRealm;
import dev.bulwark.support.InfrastructureSettings;
import dev.bulwark.support.KeycloakServer;
import dev.bulwark.support.LocalDynamoDb;
import dev.bulwark.support.Tokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment package as built: no servlet container inside, and it serves API Gateway events in a fresh JVM
 * whose class path is the package and nothing else (plus the one-class probe that plays Lambda), configured only
 * by environment variables, as in AWS. A missing class or a stray Tomcat fails here, not after a deployment.
 */
class LambdaArtifactIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Path ARTIFACT = Path.of(InfrastructureSettings.load().getProperty("lambda.artifact"));

	@TempDir
	static Path work;

	private static List<JsonNode> responses;

	private static String probeOutput;

	@BeforeAll
	static void runThePackageInAFreshJvm() throws Exception {
		Path unpacked = unzip(ARTIFACT, work.resolve("package"));
		Path probe = copyProbe(work.resolve("probe"));
		String alice = Tokens.shared().user("alice");
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", unpacked + ":" + unpacked.resolve("lib") + "/*:" + probe, ColdStartProbe.class.getName()));
		List<Path> outputs = new ArrayList<>();
		int n = 0;
		for (String event : List.of(httpApiEvent("GET", "/me", alice), httpApiEvent("GET", "/orders", alice),
				httpApiEvent("GET", "/orders", null))) {
			Path in = Files.writeString(work.resolve("event" + n + ".json"), event);
			Path out = work.resolve("response" + n++ + ".json");
			command.add(in.toString());
			command.add(out.toString());
			outputs.add(out);
		}
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(work.resolve("probe.log").toFile());
		builder.environment().clear();
		builder.environment()
			.putAll(Map.of("BULWARK_ISSUER_URI", KeycloakServer.shared().issuer(DevRealm.NAME), "BULWARK_DYNAMODB_ENDPOINT",
					LocalDynamoDb.shared().endpoint(), "BULWARK_DYNAMODB_REGION", "eu-central-1",
					"BULWARK_DYNAMODB_CREATETABLES", "true", "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local"));
		Process process = builder.start();
		boolean finished = process.waitFor(3, TimeUnit.MINUTES);
		probeOutput = Files.readString(work.resolve("probe.log"));
		assertThat(finished).as(probeOutput).isTrue();
		assertThat(process.exitValue()).as(probeOutput).isZero();
		responses = new ArrayList<>();
		for (Path out : outputs) {
			responses.add(JSON.readTree(Files.readString(out)));
		}
	}

	@Test
	void packageHoldsNoServletContainer() throws IOException {
		try (ZipFile zip = new ZipFile(ARTIFACT.toFile())) {
			assertThat(zip.stream().map(ZipEntry::getName))
				.noneMatch(name -> name.matches("lib/(tomcat-embed-core|tomcat-embed-websocket|spring-boot-tomcat|jetty|undertow).*"))
				.contains("dev/bulwark/lambda/ApiGatewayHandler.class", "application.yml");
		}
	}

	@Test
	void packageHoldsNoTestOrDevelopmentDependencies() throws IOException {
		try (ZipFile zip = new ZipFile(ARTIFACT.toFile())) {
			assertThat(zip.stream().map(ZipEntry::getName))
				.noneMatch(name -> name.matches("lib/(DynamoDBLocal|junit|testcontainers|spring-boot-test|assertj|mockito|awaitility).*"))
				.noneMatch(name -> name.startsWith("dev/bulwark/support/"));
		}
	}

	@Test
	void packagedFunctionValidatesARealToken() {
		JsonNode me = responses.get(0);

		assertThat(me.get("statusCode").asInt()).as(probeOutput).isEqualTo(200);
		assertThat(JSON.readTree(me.get("body").asString()).get("username").asString()).isEqualTo("alice");
	}

	@Test
	void packagedFunctionReadsDynamoDb() {
		JsonNode orders = responses.get(1);

		assertThat(orders.get("statusCode").asInt()).as(probeOutput).isEqualTo(200);
		assertThat(JSON.readTree(orders.get("body").asString()).has("items")).isTrue();
	}

	@Test
	void packagedFunctionRefusesAMissingTokenWithAProblem() {
		JsonNode refused = responses.get(2);

		assertThat(refused.get("statusCode").asInt()).isEqualTo(401);
		assertThat(refused.get("headers").get("Content-Type").asString()).isEqualTo("application/problem+json");
	}

	private static String httpApiEvent(String method, String path, String token) {
		String authorization = (token != null) ? ",\"authorization\":\"Bearer " + token + "\"" : "";
		return """
				{"version":"2.0","routeKey":"$default","rawPath":"%s","rawQueryString":"",
				 "headers":{"host":"abc123.execute-api.eu-central-1.amazonaws.com"%s},
				 "requestContext":{"domainName":"abc123.execute-api.eu-central-1.amazonaws.com","stage":"$default",
				   "requestId":"artifact-test","http":{"method":"%s","path":"%s","protocol":"HTTP/1.1","sourceIp":"203.0.113.7"}},
				 "isBase64Encoded":false}
				""".formatted(path, authorization, method, path);
	}

	private static Path unzip(Path zip, Path target) throws IOException {
		try (ZipFile file = new ZipFile(zip.toFile())) {
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
			}
		}
		return target;
	}

	private static Path copyProbe(Path target) throws IOException, URISyntaxException {
		String resource = ColdStartProbe.class.getName().replace('.', '/') + ".class";
		Path compiled = Path.of(ColdStartProbe.class.getClassLoader().getResource(resource).toURI());
		Path destination = target.resolve(resource);
		Files.createDirectories(destination.getParent());
		Files.copy(compiled, destination);
		return target;
	}

}
