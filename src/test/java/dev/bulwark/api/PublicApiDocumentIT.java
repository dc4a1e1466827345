package dev.bulwark.api;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.ApiIntegrationTest;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.OpenApiContract;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code bulwark.security.public-api-document} on, as in the local run, the OpenAPI document is served without
 * a token and says so of itself, and nothing else changes.
 */
@TestPropertySource(properties = "bulwark.security.public-api-document=true")
class PublicApiDocumentIT extends ApiIntegrationTest {

	@Test
	void documentIsServedWithoutATokenAndSaysSo() {
		ApiResponse response = this.api.get("/openapi.json").send();

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode served = response.json();
		assertThat(served.at("/paths/~1openapi.json/get/security").toString()).isEqualTo("[{}]");
		assertThat(served.at("/paths/~1orders")).isEqualTo(OpenApiContract.shared().document().at("/paths/~1orders"));
	}

	/**
	 * Every operation the served document does not describe as open to anonymous callers needs a token.
	 */
	@Test
	void everyOtherRouteStillNeedsAToken() {
		JsonNode paths = this.api.get("/openapi.json").send().json().get("paths");
		for (String operation : OpenApiContract.shared().operations()) {
			String method = operation.substring(0, operation.indexOf(' '));
			String template = operation.substring(operation.indexOf(' ') + 1);
			JsonNode security = paths.get(template).get(method.toLowerCase(Locale.ROOT)).path("security");
			if (security.valueStream().anyMatch(JsonNode::isEmpty)) {
				continue;
			}
			assertProblem(this.api.method(method, template.replaceAll("\\{[^}]+}", "x")).send(), 401);
		}
	}

}
