package dev.bulwark.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.DevRealm;
import dev.bulwark.support.OpenApiContract;
import dev.bulwark.support.TestJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP request collection ({@code http/bulwark.http}) covers every operation of the OpenAPI document, each of
 * its requests asserts a status the document gives that operation, and every token it asks for has its
 * configuration in {@code http/http-client.env.json}, for a client of the dev realm.
 */
class HttpCollectionTests {

	private static final Pattern REQUEST_LINE = Pattern
		.compile("^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) \\{\\{api}}(\\S*)$", Pattern.MULTILINE);

	private static final Pattern STATUS = Pattern.compile("response\\.status === (\\d{3})");

	private static final Pattern TOKEN = Pattern.compile("\\{\\{\\$auth\\.token\\(\"([^\"]+)\"\\)}}");

	private record Request(String method, String path, List<Integer> statuses, Set<String> tokens) {
	}

	@Test
	void everyDocumentedOperationHasARequest() throws IOException {
		Set<String> covered = new TreeSet<>();
		for (Request request : requests()) {
			OpenApiContract.shared()
				.operation(request.method(), request.path().replaceAll("\\{\\{[^}]+}}", "x"))
				.ifPresent(covered::add);
		}

		assertThat(covered).isEqualTo(OpenApiContract.shared().operations());
	}

	@Test
	void everyRequestAssertsAStatusTheDocumentGivesIt() throws IOException {
		for (Request request : requests()) {
			assertThat(request.statuses()).as(request.method() + " " + request.path()).hasSize(1);
			int status = request.statuses().get(0);
			OpenApiContract.shared()
				.operation(request.method(), request.path().replaceAll("\\{\\{[^}]+}}", "x"))
				.ifPresentOrElse(
						operation -> assertThat(OpenApiContract.shared().documents(operation, status))
							.as(operation + " " + status)
							.isTrue(),
						() -> assertThat(status).as(request.method() + " " + request.path()).isIn(401, 404, 405));
		}
	}

	@Test
	void everyTokenComesFromAConfiguredClientOfTheDevRealm() throws IOException {
		JsonNode auth = TestJson.MAPPER.readTree(Files.readString(Path.of("http/http-client.env.json")))
			.at("/local/Security/Auth");
		Set<String> realmClients = Set.of(DevRealm.WEB_CLIENT, DevRealm.REPORTING_CLIENT, DevRealm.METRICS_CLIENT);

		for (Request request : requests()) {
			for (String token : request.tokens()) {
				assertThat(auth.has(token)).as("auth configuration " + token).isTrue();
				assertThat(realmClients).contains(auth.get(token).get("Client ID").asString());
				if (auth.get(token).get("Client ID").asString().equals(DevRealm.WEB_CLIENT)) {
					assertThat(auth.get(token).get("Redirect URL").asString()).isEqualTo(DevRealm.WEB_REDIRECT_URI);
					assertThat(auth.get(token).get("PKCE").asBoolean()).isTrue();
				}
			}
		}
	}

	private static List<Request> requests() throws IOException {
		String collection = Files.readString(Path.of("http/bulwark.http"));
		List<Request> requests = new ArrayList<>();
		for (String block : collection.split("(?m)^###")) {
			Matcher line = REQUEST_LINE.matcher(block);
			if (!line.find()) {
				continue;
			}
			List<Integer> statuses = new ArrayList<>();
			Matcher status = STATUS.matcher(block);
			while (status.find()) {
				statuses.add(Integer.parseInt(status.group(1)));
			}
			Set<String> tokens = new TreeSet<>();
			Matcher token = TOKEN.matcher(block);
			while (token.find()) {
				tokens.add(token.group(1));
			}
			requests.add(new Request(line.group(1), line.group(2), statuses, tokens));
		}
		assertThat(requests).as("requests in http/bulwark.http").isNotEmpty();
		return requests;
	}

}
