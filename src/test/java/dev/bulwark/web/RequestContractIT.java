package dev.bulwark.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.ContractTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the API does with requests it will not serve: each answer is a problem document with the right status
 * and, for invalid input, the fields and rules that were broken.
 */
class RequestContractIT extends ContractTest {

	@Test
	void invalidOrderListsEveryBrokenRule() {
		String body = """
				{"items":[{"sku":"mug","quantity":0}],
				 "shippingAddress":{"name":"","line1":"1 Main Street","city":"Lisbon","postalCode":"1000-001","country":"Portugal"}}
				""";

		ApiResponse response = post(body);

		assertProblem(response, 400);
		assertThat(response.json().get("detail").asString()).isEqualTo("The request is invalid.");
		assertThat(errors(response)).containsExactly("items[0].quantity: must be greater than or equal to 1",
				"items[0].sku: must be 3 to 32 upper-case letters, digits or dashes",
				"shippingAddress.country: must be an ISO 3166-1 alpha-2 country code",
				"shippingAddress.name: must not be blank");
	}

	@Test
	void orderWithoutItemsIsInvalid() {
		assertInvalid(post(orderJson().replaceFirst("\"items\":\\[.*?\\],", "\"items\":[],")),
				"items: must not be empty");
	}

	@Test
	void unknownProductIsReportedAgainstItsField() {
		assertInvalid(post(orderJson().replace("BLW-STICKERS", "BLW-NOPE")), "items[1].sku: unknown product");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"status\":\"DELIVERED\"", "\"total\":0.01", "\"customerId\":\"someone-else\"",
			"\"id\":\"00000000-0000-4000-8000-000000000000\"" })
	void clientCannotSetServerOwnedFields(String field) {
		assertInvalid(post(orderJson().replaceFirst("\\{", "{" + field + ",")),
				field.substring(1, field.indexOf('"', 1)) + ": unknown property");
	}

	@Test
	void clientCannotSetAPrice() {
		assertInvalid(post(orderJson().replace("\"quantity\":2", "\"quantity\":2,\"price\":0.01")),
				"items[0].price: unknown property");
	}

	@Test
	void malformedJsonIsABadRequest() {
		assertInvalid(post("{\"items\":["), ": malformed JSON");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			"note":"Leave at the door"   | "note":"Leave at the door","note":"Ring twice"   | note
			"items":[                    | "items":[{"sku":"BLW-CAP","quantity":1}],"items":[ | items
			"city":"Lisbon"              | "city":"Lisbon","city":"Porto"                   | shippingAddress.city
			"sku":"BLW-MUG"              | "sku":"BLW-MUG","sku":"BLW-CAP"                  | items[0].sku
			"quantity":2                 | "quantity":2,"quantity":100                      | items[0].quantity
			"sku":"BLW-STICKERS"         | "sku":"BLW-STICKERS","sku":"BLW-TEE"             | items[1].sku
			""")
	void duplicatePropertyInAnOrderIsRefused(String property, String duplicated, String field) {
		assertInvalid(post(orderJson().replace(property, duplicated)), field + ": duplicate property");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			{"status":"SHIPPED","status":"CONFIRMED"} | status: duplicate property
			{"status":"LOST"}                         | status: invalid value
			""")
	void statusChangeWithoutOneKnownStatusIsRefusedAndChangesNothing(String body, String error) {
		String id = placeOrder(ALICE);

		ApiResponse response = this.api.put("/orders/" + id + "/status").token(this.tokens.user(CAROL)).json(body).send();

		assertInvalid(response, error);
		assertThat(this.api.get("/orders/" + id).token(this.tokens.user(ALICE)).send().json().get("status").asString())
			.isEqualTo("PENDING");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1.5", "1e2", "1e999999999", "99999999999999999999999999" })
	void quantityThatIsNoWholeNumberInRangeIsReportedAgainstItsField(String quantity) {
		assertInvalid(post(orderJson().replace("\"quantity\":2", "\"quantity\":" + quantity)),
				"items[0].quantity: invalid value");
	}

	@Test
	void bodyOverTheLimitIsRefusedBeforeItIsRead() {
		ApiResponse response = post(oversizedOrder());

		assertProblem(response, 413);
	}

	@Test
	void bodyOverTheLimitIsRefusedEvenBeforeTheTokenIsLookedAt() {
		ApiResponse response = this.api.post("/orders").json(oversizedOrder()).send();

		assertThat(response.status()).isEqualTo(413);
	}

	@Test
	void chunkedBodyOverTheLimitIsCutOff() {
		ApiResponse response = this.api.post("/orders")
			.token(this.tokens.user(ALICE))
			.json(oversizedOrder())
			.chunked()
			.send();

		assertProblem(response, 413);
	}

	@Test
	void bodyThatIsNotJsonIsUnsupported() {
		ApiResponse response = this.api.post("/orders")
			.token(this.tokens.user(ALICE))
			.body("application/x-www-form-urlencoded", "items=BLW-MUG")
			.send();

		assertProblem(response, 415);
		assertThat(response.header("Accept")).isEqualTo("application/json");
	}

	/**
	 * The API speaks JSON only, and says so whatever the client asks for: an {@code Accept} it cannot meet is
	 * answered in JSON, as HTTP allows, rather than refused.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "", "*/*", "application/*", "application/json", "text/html, application/json;q=0.5",
			"application/xml" })
	void answersInJsonWhateverTheClientAccepts(String accept) {
		ApiResponse response = accept.isEmpty() ? me().send() : me().header("Accept", accept).send();

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Content-Type")).isEqualTo("application/json");
		assertThat(response.json().get("username").asString()).isEqualTo("alice");
	}

	@Test
	void unsupportedMethodIsNotAllowed() {
		ApiResponse response = this.api.method("PATCH", "/orders").token(this.tokens.user(ALICE)).json("{}").send();

		assertProblem(response, 405);
		assertThat(response.header("Allow")).contains("GET").contains("POST");
	}

	@Test
	void unknownRouteIsNotFound() {
		ApiResponse response = this.api.get("/customers").token(this.tokens.user(ALICE)).send();

		assertProblem(response, 404);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "101", "-1", "ten" })
	void pageSizeIsCapped(String limit) {
		ApiResponse response = this.api.get("/orders?limit=" + limit).token(this.tokens.user(ALICE)).send();

		assertThat(response.status()).isEqualTo(400);
		assertThat(errors(response)).singleElement().asString().startsWith("limit: ");
	}

	@Test
	void malformedOrderIdIsNotFound() {
		ApiResponse response = this.api.get("/orders/not-an-id").token(this.tokens.user(DAVE)).send();

		assertThat(response.status()).isEqualTo(404);
	}

	private static void assertInvalid(ApiResponse response, String... fieldErrors) {
		assertThat(response.status()).isEqualTo(400);
		assertThat(errors(response)).containsExactly(fieldErrors);
	}

	private ApiResponse post(String body) {
		return this.api.post("/orders").token(this.tokens.user(ALICE)).json(body).send();
	}

	/**
	 * A valid order, but for a note that takes the body over the size limit.
	 */
	private static String oversizedOrder() {
		return orderJson().replace("Leave at the door", "x".repeat(20_000));
	}

	private static List<String> errors(ApiResponse response) {
		JsonNode errors = response.json().get("errors");
		assertThat(errors).as(response.toString()).isNotNull();
		List<String> messages = new ArrayList<>();
		errors.forEach(error -> messages.add(error.get("field").asString() + ": " + error.get("message").asString()));
		return messages;
	}

	private Api.Call me() {
		return this.api.get("/me").token(this.tokens.user(ALICE));
	}

}
