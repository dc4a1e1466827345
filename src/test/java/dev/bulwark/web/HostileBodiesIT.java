package dev.bulwark.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.ContractTest;
import dev.bulwark.support.RealmSigner;
import dev.bulwark.support.TestJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * Bodies made to break a JSON reader, sent to every route that reads a body: each is refused with a problem, 400
 * for invalid input, 413 over the size limit, 415 for what is not JSON; never a 5xx, and nothing is logged as an
 * error. Both runtimes log into this JVM's console, so one capture sees them both; it holds all output since the
 * class started, so each test looks only at what was logged after it began.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileBodiesIT extends ContractTest {

	/** {@code bulwark.web.max-request-body-size}: 16 KiB. */
	private static final int LIMIT = 16 * 1024;

	private static final String JSON_TYPE = "application/json";

	private static final JsonMapper JSON = TestJson.MAPPER;

	private static final String CUSTOMER = UUID.randomUUID().toString();

	/** Marks where raw JSON or bytes go in a body while it is being put together. */
	private static final String TOKEN = "~token~";

	@ParameterizedTest
	@MethodSource("hostileBodies")
	void hostileBodyIsRefusedWithAProblemAndNoErrorIsLogged(BodyRoute route, String contentType, byte[] body,
			int status, CapturedOutput output) {
		int logged = output.length();

		ApiResponse response = this.api.method(route.method, route.path(this::orderOfItsOwn))
			.token(this.tokens.user(route.user))
			.body(contentType, body)
			.send();

		assertProblem(response, status);
		if (status == 400) {
			assertThat(response.json().get("detail").asString()).isEqualTo("The request is invalid.");
			assertThat(response.json().get("errors")).as(response.toString()).isNotEmpty();
		}
		assertThat(output.getAll().substring(logged).lines().filter(line -> line.contains(" ERROR "))).isEmpty();
	}

	/**
	 * An order of a customer that only this class knows, so that the orders it needs show up in nobody else's
	 * listing.
	 */
	private String orderOfItsOwn() {
		RealmSigner signer = RealmSigner.shared();
		String customer = signer.sign(signer.customerClaims(CUSTOMER).build());
		ApiResponse placed = this.api.post("/orders").token(customer).json(orderJson()).send();
		assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
		return placed.json().get("id").asString();
	}

	static Stream<Arguments> hostileBodies() {
		return Arrays.stream(BodyRoute.values())
			.flatMap(route -> Stream.of(structure(route), encodings(route), numbers(route),
					route.fields.stream().flatMap(field -> strings(route, field)))
				.flatMap(rows -> rows));
	}

	private static Stream<Arguments> structure(BodyRoute route) {
		return Stream.of(row(route, "empty", ""), row(route, "whitespace only", " \r\n\t "), row(route, "null", "null"),
				row(route, "empty array", "[]"), row(route, "string", "\"x\""), row(route, "number", "0"),
				row(route, "true", "true"), row(route, "NaN", "NaN"), row(route, "Infinity", "Infinity"),
				row(route, "valid body in an array", "[" + route.valid + "]"),
				row(route, "two bodies", route.valid + route.valid), row(route, "comment", "/**/" + route.valid),
				row(route, "single quotes", route.valid.replace('"', '\'')),
				row(route, "arrays nested 10 000 deep", "[".repeat(10_000) + "]".repeat(10_000), 413),
				row(route, "objects nested 10 000 deep", "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000), 413),
				row(route, "arrays nested 8 000 deep", "[".repeat(8_000) + "]".repeat(8_000)),
				row(route, "objects nested 3 000 deep", "{\"\":".repeat(3_000) + "1" + "}".repeat(3_000)),
				row(route, "arrays nested 5 000 deep in a field",
						route.with(route.text, TOKEN).replace(quoted(TOKEN), "[".repeat(5_000) + "]".repeat(5_000))));
	}

	private static Stream<Arguments> encodings(BodyRoute route) {
		byte[] valid = route.valid.getBytes(StandardCharsets.UTF_8);
		byte[] byteOrderMark = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		return Stream.of(row(route, "UTF-8 byte order mark", JSON_TYPE, bytes(byteOrderMark, valid), 400),
				row(route, "UTF-16", JSON_TYPE, route.valid.getBytes(StandardCharsets.UTF_16LE), 400),
				row(route, "UTF-16 with byte order mark", JSON_TYPE, route.valid.getBytes(StandardCharsets.UTF_16), 400),
				row(route, "invalid UTF-8 start byte", JSON_TYPE, inText(route, 0xFF), 400),
				row(route, "truncated UTF-8 sequence", JSON_TYPE, inText(route, 0xC3), 400),
				row(route, "overlong UTF-8 encoding of a quote", JSON_TYPE, inText(route, 0xC0, 0xA2), 400),
				row(route, "UTF-8 encoded surrogate", JSON_TYPE, inText(route, 0xED, 0xA0, 0x80), 400),
				row(route, "code point above U+10FFFF", JSON_TYPE, inText(route, 0xF4, 0x90, 0x80, 0x80), 400),
				row(route, "Latin-1 declared as the charset", JSON_TYPE + ";charset=ISO-8859-1", inText(route, 0xE9),
						415),
				row(route, "unknown charset", JSON_TYPE + ";charset=no-such-charset", valid, 415),
				row(route, "raw control character in a string", JSON_TYPE, inText(route, 0x01), 400));
	}

	private static Stream<Arguments> numbers(BodyRoute route) {
		return Stream.concat(Stream.of("1e999999999", "-1e999999999", "99999999999999999999999999", "-0", "1.5", "1e2",
				"1.0", "0x10", "+1", "01", "NaN", "-Infinity", "9".repeat(15_000)), route.wrongValues.stream())
			.map(number -> row(route, route.number.substring(1) + " " + abbreviate(number),
					route.with(route.number, TOKEN).replace(quoted(TOKEN), number)));
	}

	private static Stream<Arguments> strings(BodyRoute route, String field) {
		String name = field.substring(1);
		String empty = route.with(field, "");
		return Stream.of(row(route, "1 MB string in " + name, route.with(field, "x".repeat(1_000_000)), 413),
				row(route, "string up to the size limit in " + name,
						route.with(field, "x".repeat(LIMIT - empty.getBytes(StandardCharsets.UTF_8).length))),
				row(route, "lone surrogate in " + name, route.with(field, TOKEN).replace(TOKEN, "\\ud800")));
	}

	private static Arguments row(BodyRoute route, String name, String body) {
		return row(route, name, body, 400);
	}

	private static Arguments row(BodyRoute route, String name, String body, int status) {
		return row(route, name, JSON_TYPE, body.getBytes(StandardCharsets.UTF_8), status);
	}

	private static Arguments row(BodyRoute route, String name, String contentType, byte[] body, int status) {
		return argumentSet(route.method + " " + route.template + ": " + name, route, contentType, body, status);
	}

	/**
	 * The route's valid body with the given bytes in the middle of its text field.
	 */
	private static byte[] inText(BodyRoute route, int... raw) {
		String[] parts = route.with(route.text, "a" + TOKEN + "b").split(TOKEN);
		byte[] middle = new byte[raw.length];
		for (int i = 0; i < raw.length; i++) {
			middle[i] = (byte) raw[i];
		}
		return bytes(parts[0].getBytes(StandardCharsets.UTF_8), middle, parts[1].getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] bytes(byte[]... parts) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		Arrays.stream(parts).forEach(bytes::writeBytes);
		return bytes.toByteArray();
	}

	private static String quoted(String text) {
		return "\"" + text + "\"";
	}

	private static String abbreviate(String text) {
		return (text.length() > 20) ? text.length() + " digits" : text;
	}

	/**
	 * The routes that read a body (see {@code ApiRoutes}): a valid body for each, its fields as JSON pointers, the
	 * field that holds text, the field to put numbers in, and the values that field refuses on top of those every
	 * route refuses.
	 */
	enum BodyRoute {

		PLACE_ORDER("POST", "/orders", ALICE, """
				{"items":[{"sku":"BLW-MUG","quantity":2}],
				 "shippingAddress":{"name":"Alice Customer","line1":"1 Main Street","line2":"Flat 2","city":"Lisbon",
				                    "postalCode":"1000-001","country":"PT"},
				 "note":"Leave at the door"}""", "/shippingAddress/name", "/items/0/quantity", List.of(), "/items/0/sku",
				"/items/0/quantity", "/shippingAddress/name", "/shippingAddress/line1", "/shippingAddress/line2",
				"/shippingAddress/city", "/shippingAddress/postalCode", "/shippingAddress/country", "/note"),

		CHANGE_STATUS("PUT", "/orders/{id}/status", CAROL, "{\"status\":\"CONFIRMED\"}", "/status", "/status",
				List.of("1", "\"1\""), "/status");

		final String method;

		final String template;

		final String user;

		final String valid;

		final String text;

		final String number;

		final List<String> wrongValues;

		final List<String> fields;

		BodyRoute(String method, String template, String user, String valid, String text, String number,
				List<String> wrongValues, String... fields) {
			this.method = method;
			this.template = template;
			this.user = user;
			this.valid = valid;
			this.text = text;
			this.number = number;
			this.wrongValues = wrongValues;
			this.fields = List.of(fields);
		}

		String path(Supplier<String> orderId) {
			return this.template.contains("{id}") ? this.template.replace("{id}", orderId.get()) : this.template;
		}

		/**
		 * The valid body with one field set to the given string.
		 */
		String with(String field, String value) {
			ObjectNode body = (ObjectNode) JSON.readTree(this.valid);
			JsonPointer pointer = JsonPointer.compile(field);
			((ObjectNode) body.at(pointer.head())).put(pointer.last().getMatchingProperty(), value);
			return JSON.writeValueAsString(body);
		}

	}

}
