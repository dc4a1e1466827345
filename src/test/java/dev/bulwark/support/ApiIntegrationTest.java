package dev.bulwark.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests that call the running application over HTTP, with tokens from the real Keycloak and orders
 * in DynamoDB Local. All of them share one application context, hence one server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = { LocalInfrastructure.class, TestRateLimits.class })
@Import(FaultInjection.class)
public abstract class ApiIntegrationTest {

	protected static final String ALICE = "alice";

	protected static final String BOB = "bob";

	protected static final String CAROL = "carol";

	protected static final String DAVE = "dave";

	static {
		// The test signing key joins the realm before the application first fetches the realm's keys, like a
		// key rotated in ahead of use; later, unknown key ids only cause a refetch every 30 seconds.
		RealmSigner.shared();
	}

	protected final Tokens tokens = Tokens.shared();

	protected Api api;

	@LocalServerPort
	private int port;

	@BeforeEach
	void connect() {
		this.api = new Api(transport());
	}

	/**
	 * How requests reach the API: over HTTP to the Boot app, unless a subclass says otherwise.
	 */
	protected Transport transport() {
		return new HttpTransport(bootBaseUrl());
	}

	protected String bootBaseUrl() {
		return "http://localhost:" + this.port;
	}

	protected int bootPort() {
		return this.port;
	}

	protected String reportingToken() {
		return this.tokens.client(DevRealm.REPORTING_CLIENT);
	}

	/**
	 * A valid order body for {@code POST /orders}.
	 */
	protected static String orderJson() {
		return """
				{"items":[{"sku":"BLW-MUG","quantity":2},{"sku":"BLW-STICKERS","quantity":1}],
				 "shippingAddress":{"name":"%s","line1":"%s","city":"Lisbon",
				                    "postalCode":"1000-001","country":"PT"},
				 "note":"%s"}
				""".formatted(PersonalData.NAME, PersonalData.ADDRESS_LINE, PersonalData.NOTE);
	}

	/**
	 * Asserts that the API answered with a problem document of the given status.
	 */
	protected static void assertProblem(ApiResponse response, int status) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
	}

	/**
	 * Places an order as the given user and returns its id.
	 */
	protected String placeOrder(String username) {
		ApiResponse created = this.api.post("/orders").token(this.tokens.user(username)).json(orderJson()).send();
		if (created.status() != 201) {
			throw new IllegalStateException("Could not place an order: " + created);
		}
		return created.json().get("id").asString();
	}

}
