package dev.bulwark.api;

import java.util.Collections;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.ContractTest;
import dev.bulwark.support.OpenApiContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The OpenAPI document's request schemas say what the service takes: for every request below, the document and
 * the service, in both runtimes, agree on whether it is valid. An invalid one is a 400 from the service; a
 * gateway validating requests against the document would refuse exactly those, and nothing the service takes.
 * What a schema cannot know is left out and written in the document: whether a SKU is in the catalog, duplicate
 * properties, unpaired surrogates.
 */
class RequestSchemaIT extends ContractTest {

	private static final String ADDRESS = """
			"shippingAddress":{"name":"Ada","line1":"1 Main Street","city":"Lisbon","postalCode":"1000-001","country":"PT"}""";

	private static final String ITEM = """
			{"sku":"BLW-MUG","quantity":1}""";

	static Stream<Arguments> orderBodies() {
		return Stream.of(arguments("valid", order(ITEM, ADDRESS)),
				arguments("with a note", order(ITEM, ADDRESS + ",\"note\":\"" + "n".repeat(500) + "\"")),
				arguments("note too long", order(ITEM, ADDRESS + ",\"note\":\"" + "n".repeat(501) + "\"")),
				arguments("null note", order(ITEM, ADDRESS + ",\"note\":null")),
				arguments("no items", order("", ADDRESS)), arguments("20 items", order(items(20), ADDRESS)),
				arguments("21 items", order(items(21), ADDRESS)),
				arguments("lower-case sku", order("{\"sku\":\"blw-mug\",\"quantity\":1}", ADDRESS)),
				arguments("short sku", order("{\"sku\":\"BL\",\"quantity\":1}", ADDRESS)),
				arguments("no sku", order("{\"quantity\":1}", ADDRESS)),
				arguments("quantity 0", order("{\"sku\":\"BLW-MUG\",\"quantity\":0}", ADDRESS)),
				arguments("quantity 100", order("{\"sku\":\"BLW-MUG\",\"quantity\":100}", ADDRESS)),
				arguments("quantity 101", order("{\"sku\":\"BLW-MUG\",\"quantity\":101}", ADDRESS)),
				arguments("fractional quantity", order("{\"sku\":\"BLW-MUG\",\"quantity\":1.5}", ADDRESS)),
				arguments("quantity as text", order("{\"sku\":\"BLW-MUG\",\"quantity\":\"2\"}", ADDRESS)),
				arguments("null quantity", order("{\"sku\":\"BLW-MUG\",\"quantity\":null}", ADDRESS)),
				arguments("no quantity", order("{\"sku\":\"BLW-MUG\"}", ADDRESS)),
				arguments("unknown item property", order("{\"sku\":\"BLW-MUG\",\"quantity\":1,\"price\":0}", ADDRESS)),
				arguments("unknown property", order(ITEM, ADDRESS + ",\"status\":\"SHIPPED\"")),
				arguments("no address", "{\"items\":[" + ITEM + "]}"),
				arguments("blank name", order(ITEM, ADDRESS.replace("\"Ada\"", "\"   \""))),
				arguments("empty name", order(ITEM, ADDRESS.replace("\"Ada\"", "\"\""))),
				arguments("name of 100", order(ITEM, ADDRESS.replace("\"Ada\"", "\"" + "a".repeat(100) + "\""))),
				arguments("name of 101", order(ITEM, ADDRESS.replace("\"Ada\"", "\"" + "a".repeat(101) + "\""))),
				arguments("second line", order(ITEM, ADDRESS.replace("\"city\"", "\"line2\":\"Flat 2\",\"city\""))),
				arguments("null second line", order(ITEM, ADDRESS.replace("\"city\"", "\"line2\":null,\"city\""))),
				arguments("second line too long",
						order(ITEM, ADDRESS.replace("\"city\"", "\"line2\":\"" + "l".repeat(201) + "\",\"city\""))),
				arguments("lower-case country", order(ITEM, ADDRESS.replace("\"PT\"", "\"pt\""))),
				arguments("three-letter country", order(ITEM, ADDRESS.replace("\"PT\"", "\"PRT\""))),
				arguments("one-character postal code", order(ITEM, ADDRESS.replace("\"1000-001\"", "\"1\""))),
				arguments("postal code with a slash", order(ITEM, ADDRESS.replace("\"1000-001\"", "\"1000/001\""))),
				arguments("unknown address property", order(ITEM, ADDRESS.replace("\"Ada\"", "\"Ada\",\"phone\":\"1\""))),
				arguments("empty object", "{}"), arguments("array", "[]"), arguments("null", "null"),
				arguments("string", "\"order\""));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("orderBodies")
	void documentAndServiceAgreeOnOrders(String name, String body) {
		boolean documented = OpenApiContract.shared().requestBodyViolations("POST", "/orders", body).isEmpty();

		// With the second factor, so that no order is refused for its total.
		ApiResponse response = this.api.post("/orders").token(this.tokens.userWithMfa(ALICE)).json(body).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(documented ? 201 : 400);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"status\":\"CONFIRMED\"}", "{\"status\":\"SHIPPED\"}", "{\"status\":\"confirmed\"}",
			"{\"status\":\"LOST\"}", "{\"status\":1}", "{\"status\":null}", "{}",
			"{\"status\":\"CONFIRMED\",\"note\":\"x\"}", "[]" })
	void documentAndServiceAgreeOnStatusChanges(String body) {
		boolean documented = OpenApiContract.shared()
			.requestBodyViolations("PUT", "/orders/{id}/status", body)
			.isEmpty();
		String id = placeOrder(ALICE);

		ApiResponse response = this.api.put("/orders/" + id + "/status").token(this.tokens.user(CAROL)).json(body).send();

		if (documented) {
			assertThat(response.status()).as(response.toString()).isIn(200, 409);
		}
		else {
			assertProblem(response, 400);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "20", "100", "0", "101", "-1", "1.5", "ten", "", "1e2" })
	void documentAndServiceAgreeOnPageSizes(String limit) {
		boolean documented = OpenApiContract.shared()
			.queryParameterViolations("GET", "/orders", "limit", limit)
			.isEmpty();

		ApiResponse response = this.api.get("/orders?limit=" + limit).token(this.tokens.user(ALICE)).send();

		assertThat(response.status()).as(response.toString()).isEqualTo(documented ? 200 : 400);
	}

	private static String order(String items, String rest) {
		return "{\"items\":[" + items + "]," + rest + "}";
	}

	private static String items(int count) {
		return String.join(",", Collections.nCopies(count, ITEM));
	}

}
