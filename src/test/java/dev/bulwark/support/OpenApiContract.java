package dev.bulwark.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.LongNode;
import tools.jackson.databind.node.StringNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The OpenAPI document the service publishes ({@code src/main/resources/openapi/bulwark.yaml}), held against what
 * the service does. {@link #checking(Transport)} wraps the contract suite's transport, so that every response any
 * contract test receives, in either runtime, must be one the document describes:
 * <ul>
 * <li>a documented operation: its status is listed, every required header is there, every documented header
 * present matches its schema, the content type is one listed and the body matches its schema (no body where none
 * is described);</li>
 * <li>an undocumented method of a documented path: refused (401, 403, 405 with an {@code Allow} naming exactly the
 * documented methods, or a refusal any request can get) with a problem;</li>
 * <li>an undocumented path: refused (404, or a refusal any request can get) with a problem.</li>
 * </ul>
 * So nothing the document does not describe can be answered with success, and no error leaves the service in
 * another shape than the document's problem (which admits no property beyond RFC 9457's and the API's own). The
 * test-only routes of {@link FaultInjection} are not the application's, and not checked.
 */
public final class OpenApiContract {

	/** Where the document is, for the application and for this check. */
	public static final String RESOURCE = "openapi/bulwark.yaml";

	private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	/**
	 * What any request can be refused with, whatever route it names: firewall, token, role (the actuator's paths
	 * are for admins), size, rate limit.
	 */
	private static final Set<Integer> ANY_REQUEST_REFUSALS = Set.of(400, 401, 403, 413, 429);

	private static final OpenApiContract SHARED = new OpenApiContract();

	private final JsonNode document;

	private final SchemaRegistry registry = SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder
		.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

	private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

	private OpenApiContract() {
		try (InputStream yaml = OpenApiContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (yaml == null) {
				throw new IllegalStateException(RESOURCE + " is not on the class path");
			}
			this.document = YAMLMapper.builder().build().readTree(yaml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static OpenApiContract shared() {
		return SHARED;
	}

	public JsonNode document() {
		return this.document;
	}

	/**
	 * Every documented operation, as {@code "GET /orders/{id}"}.
	 */
	public Set<String> operations() {
		Set<String> operations = new TreeSet<>();
		for (Map.Entry<String, JsonNode> path : this.document.get("paths").properties()) {
			for (String method : methods(path.getValue())) {
				operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
			}
		}
		return operations;
	}

	/**
	 * How a JSON request body differs from what the document's schema for the operation's body admits; empty if
	 * it does not.
	 */
	public List<String> requestBodyViolations(String method, String template, String json) {
		return body(json, "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT)
				+ "/requestBody/content/application~1json/schema");
	}

	/**
	 * How a query parameter's value differs from what the document's schema for it admits; empty if it does not.
	 * A value of decimal digits is an integer, anything else a string, as OpenAPI's simple style writes them.
	 */
	public List<String> queryParameterViolations(String method, String template, String name, String value) {
		String operation = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT);
		JsonNode parameters = this.document.at(operation + "/parameters");
		for (int i = 0; i < parameters.size(); i++) {
			JsonNode parameter = parameters.get(i);
			if (name.equals(parameter.path("name").asString()) && "query".equals(parameter.path("in").asString())) {
				JsonNode parsed = value.matches("-?[0-9]{1,18}") ? LongNode.valueOf(Long.parseLong(value))
						: StringNode.valueOf(value);
				return schema(operation + "/parameters/" + i + "/schema").validate(parsed)
					.stream()
					.map(Error::toString)
					.toList();
			}
		}
		throw new IllegalArgumentException("No query parameter " + name + " of " + method + " " + template);
	}

	/**
	 * The documented operation a request is for, as {@code "GET /orders/{id}"}, if there is one.
	 */
	public Optional<String> operation(String method, String path) {
		String template = template(path.split("\\?", 2)[0]);
		if (template == null
				|| !methods(this.document.get("paths").get(template)).contains(method.toLowerCase(Locale.ROOT))) {
			return Optional.empty();
		}
		return Optional.of(method.toUpperCase(Locale.ROOT) + " " + template);
	}

	/**
	 * The document's Operation Object of an operation such as {@code "GET /orders/{id}"}.
	 */
	public JsonNode operationObject(String operation) {
		String method = operation.substring(0, operation.indexOf(' ')).toLowerCase(Locale.ROOT);
		String template = operation.substring(operation.indexOf(' ') + 1);
		return this.document.get("paths").get(template).get(method);
	}

	/**
	 * Whether the document lists this status among the operation's responses.
	 */
	public boolean documents(String operation, int status) {
		return operationObject(operation).get("responses").has(Integer.toString(status));
	}

	/**
	 * The transport, with every response it brings back checked against the document; a response the document
	 * does not describe fails the test that received it.
	 */
	public Transport checking(Transport transport) {
		return (method, pathAndQuery, headers, body, chunked, clientAddress) -> {
			ApiResponse response = transport.send(method, pathAndQuery, headers, body, chunked, clientAddress);
			List<String> violations = violations(method, pathAndQuery, response);
			if (!violations.isEmpty()) {
				throw new AssertionError("The response to " + method + " " + pathAndQuery
						+ " is not what the OpenAPI document describes:\n  " + String.join("\n  ", violations)
						+ "\nResponse: " + response);
			}
			return response;
		};
	}

	/**
	 * How the response differs from what the document describes for this request; empty if it does not.
	 */
	public List<String> violations(String method, String pathAndQuery, ApiResponse response) {
		String path = pathAndQuery.split("\\?", 2)[0];
		if (path.startsWith(FaultInjection.PATH_PREFIX)) {
			return List.of();
		}
		String template = template(path);
		if (template == null) {
			return refusal(response, ANY_REQUEST_REFUSALS, 404, null);
		}
		JsonNode pathItem = this.document.get("paths").get(template);
		String operationMethod = method.toLowerCase(Locale.ROOT);
		if (!methods(pathItem).contains(operationMethod)) {
			return refusal(response, ANY_REQUEST_REFUSALS, 405, methods(pathItem));
		}
		String pointer = "/paths/" + escape(template) + "/" + operationMethod + "/responses/" + response.status();
		JsonNode described = this.document.at(pointer);
		if (described.isMissingNode()) {
			return List.of("status " + response.status() + " is not documented for " + method + " " + template);
		}
		Resolved resolved = resolve(described, pointer);
		return described(response, resolved, !"HEAD".equalsIgnoreCase(method));
	}

	private List<String> refusal(ApiResponse response, Set<Integer> refusals, int own,
			@Nullable Set<String> allowed) {
		List<String> violations = new ArrayList<>();
		Set<Integer> expected = new TreeSet<>(refusals);
		expected.add(own);
		if (!expected.contains(response.status())) {
			violations.add("an undocumented " + ((allowed != null) ? "method" : "route") + " answered "
					+ response.status() + ", not one of " + expected);
		}
		if (response.status() == 405 && allowed != null) {
			Set<String> allow = new TreeSet<>();
			String header = response.header("Allow");
			if (header != null) {
				for (String value : header.split(",")) {
					allow.add(value.trim().toLowerCase(Locale.ROOT));
				}
			}
			if (!allow.equals(new TreeSet<>(allowed))) {
				violations.add("Allow: " + header + " is not the documented methods " + allowed);
			}
		}
		violations.addAll(problem(response));
		return violations;
	}

	private List<String> problem(ApiResponse response) {
		if (!"application/problem+json".equals(mediaType(response))) {
			return List.of("a refusal must be application/problem+json, not " + response.header("Content-Type"));
		}
		return body(response, "/components/schemas/Problem");
	}

	private List<String> described(ApiResponse response, Resolved described, boolean hasBody) {
		List<String> violations = new ArrayList<>();
		JsonNode headers = described.node().path("headers");
		for (Map.Entry<String, JsonNode> entry : headers.properties()) {
			String pointer = described.pointer() + "/headers/" + escape(entry.getKey());
			Resolved header = resolve(entry.getValue(), pointer);
			String value = response.header(entry.getKey());
			if (value == null) {
				if (header.node().path("required").asBoolean(false)) {
					violations.add("the required header " + entry.getKey() + " is missing");
				}
				continue;
			}
			for (Error error : schema(header.pointer() + "/schema").validate(StringNode.valueOf(value))) {
				violations.add("header " + entry.getKey() + ": " + error);
			}
		}
		JsonNode content = described.node().path("content");
		if (content.isMissingNode()) {
			if (!response.body().isEmpty()) {
				violations.add("a body where the document describes none");
			}
			return violations;
		}
		String mediaType = mediaType(response);
		if (mediaType == null || !content.has(mediaType)) {
			violations.add("content type " + response.header("Content-Type") + " is not one of "
					+ content.propertyNames());
			return violations;
		}
		if (hasBody && (mediaType.endsWith("/json") || mediaType.endsWith("+json"))) {
			violations.addAll(body(response, described.pointer() + "/content/" + escape(mediaType) + "/schema"));
		}
		return violations;
	}

	private List<String> body(ApiResponse response, String schemaPointer) {
		return body(response.body(), schemaPointer);
	}

	private List<String> body(String json, String schemaPointer) {
		JsonNode body;
		try {
			body = TestJson.MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			return List.of("the body is not JSON");
		}
		return schema(schemaPointer).validate(body).stream().map(error -> "body: " + error).toList();
	}

	private Schema schema(String pointer) {
		return this.schemas.computeIfAbsent(pointer,
				key -> this.registry.getSchema(SchemaLocation.of("classpath:" + RESOURCE + "#" + key)));
	}

	/**
	 * The documented path template the path matches: literal segments equal, each {@code {parameter}} any non-empty
	 * segment.
	 */
	private @Nullable String template(String path) {
		String[] segments = path.split("/", -1);
		for (String template : this.document.get("paths").propertyNames()) {
			String[] parts = template.split("/", -1);
			if (parts.length != segments.length) {
				continue;
			}
			boolean matches = true;
			for (int i = 0; i < parts.length && matches; i++) {
				boolean parameter = parts[i].startsWith("{") && parts[i].endsWith("}");
				matches = parameter ? !segments[i].isEmpty() : parts[i].equals(segments[i]);
			}
			if (matches) {
				return template;
			}
		}
		return null;
	}

	private static Set<String> methods(JsonNode pathItem) {
		return pathItem.propertyNames()
			.stream()
			.filter(METHODS::contains)
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	private Resolved resolve(JsonNode node, String pointer) {
		JsonNode current = node;
		String at = pointer;
		while (current.has("$ref")) {
			at = current.get("$ref").asString().substring(1);
			current = this.document.at(at);
		}
		return new Resolved(current, at);
	}

	private static @Nullable String mediaType(ApiResponse response) {
		String contentType = response.header("Content-Type");
		return (contentType != null) ? contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT) : null;
	}

	private static String escape(String pointerSegment) {
		return pointerSegment.replace("~", "~0").replace("/", "~1");
	}

	private record Resolved(JsonNode node, String pointer) {
	}

}
