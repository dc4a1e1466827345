package dev.bulwark.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

import org.springframework.core.io.ClassPathResource;
import org.springframework.util.function.SingletonSupplier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API's OpenAPI 3.1 document ({@code openapi/bulwark.yaml}, which the contract tests hold every response to),
 * as served: with the origin the request came in on as its only server, so that a client or Swagger UI calls the
 * API where it found the document (an API Gateway stage included), and with the configured Keycloak realm's
 * endpoints in its OAuth2 security scheme; and, where it is public, saying so. Read on first use, not at startup,
 * which a Lambda cold start would pay.
 */
final class ApiDocument {

	static final String PATH = "/openapi.json";

	private static final String RESOURCE = "openapi/bulwark.yaml";

	private final Supplier<ObjectNode> document;

	/**
	 * @param publicDocument whether this deployment serves the document without a token, which the document then
	 * says of itself
	 */
	ApiDocument(Supplier<String> issuer, boolean publicDocument, JsonMapper json) {
		this.document = SingletonSupplier.of(() -> {
			ObjectNode document = withIssuer(read(json), issuer.get());
			if (publicDocument) {
				((ObjectNode) document.at("/paths/" + PATH.replace("/", "~1") + "/get")).putArray("security")
					.addObject();
			}
			return document;
		});
	}

	/**
	 * The document, naming this base URL (scheme, host and any path prefix) as where the API is.
	 */
	JsonNode servedAt(String baseUrl) {
		ObjectNode served = this.document.get().deepCopy();
		served.putArray("servers").addObject().put("url", baseUrl);
		return served;
	}

	private static ObjectNode read(JsonMapper json) {
		try (InputStream yaml = new ClassPathResource(RESOURCE).getInputStream()) {
			// Our own file, but read safely all the same: plain maps, lists and scalars, no tags.
			Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
			return json.valueToTree(tree);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ObjectNode withIssuer(ObjectNode document, String issuer) {
		String endpoints = issuer.replaceAll("/+$", "") + "/protocol/openid-connect/";
		ObjectNode flows = (ObjectNode) document.at("/components/securitySchemes/keycloak/flows");
		((ObjectNode) flows.get("authorizationCode")).put("authorizationUrl", endpoints + "auth")
			.put("tokenUrl", endpoints + "token");
		((ObjectNode) flows.get("clientCredentials")).put("tokenUrl", endpoints + "token");
		return document;
	}

}
