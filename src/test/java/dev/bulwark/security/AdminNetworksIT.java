package dev.bulwark.security;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

import dev.bulwark.support.Api;
import dev.bulwark.support.ApiResponse;
import dev.bulwark.support.AuditLog;
import dev.bulwark.support.DevRealm;
import dev.bulwark.support.LocalInfrastructure;
import dev.bulwark.support.ReconfiguredContractTest;
import dev.bulwark.support.SettingsOnTop;
import dev.bulwark.support.TestRateLimits;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admin work only from the admin networks, in both runtimes: the client address is the one the trusted proxy
 * forwards (Boot) or API Gateway's {@code sourceIp} (Lambda). Test addresses are from 198.18.0.0/15; the admin
 * networks here are documentation ranges no other test uses.
 */
@ContextConfiguration(initializers = { LocalInfrastructure.class, TestRateLimits.class,
		AdminNetworksIT.WithAdminNetworks.class }, inheritInitializers = false)
class AdminNetworksIT extends ReconfiguredContractTest {

	private static final Map<String, String> SETTINGS = Map.of("bulwark.security.admin-networks[0]", "192.0.2.0/24",
			"bulwark.security.admin-networks[1]", "2001:db8:ad::/48");

	private static final String ADMIN_ADDRESS = "192.0.2.10";

	private static final String ADMIN_IPV6_ADDRESS = "2001:db8:ad::5";

	private static final String NOT_FROM_THIS_ADDRESS = "This request is not allowed from this address.";

	private final AuditLog log = AuditLog.shared();

	@Override
	protected Map<String, String> settings() {
		return SETTINGS;
	}

	@Test
	void adminDeletesAnOrderFromAnAdminNetwork() {
		String id = placeOrder(ALICE);

		ApiResponse deleted = this.api.delete("/orders/" + id).token(this.tokens.userWithMfa(DAVE)).from(ADMIN_ADDRESS).send();

		assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
	}

	@Test
	void adminCannotDeleteFromOutsideTheAdminNetworks() {
		String id = placeOrder(ALICE);

		ApiResponse refused = this.api.delete("/orders/" + id).token(this.tokens.userWithMfa(DAVE)).send();

		assertProblem(refused, 403);
		assertThat(refused.json().get("detail").asString()).isEqualTo(NOT_FROM_THIS_ADDRESS);
		assertThat(this.api.get("/orders/" + id).token(this.tokens.user(ALICE)).send().status()).isEqualTo(200);
	}

	@Test
	void adminRoleIsNotHonouredFromOutsideTheAdminNetworks() {
		String alicesOrder = placeOrder(ALICE);

		ApiResponse me = this.api.get("/me").token(this.tokens.user(DAVE)).send();
		ApiResponse read = this.api.get("/orders/" + alicesOrder).token(this.tokens.user(DAVE)).send();

		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("roles").valueStream().map(role -> role.asString())).doesNotContain(Roles.ADMIN);
		assertProblem(read, 403);
		assertThat(this.api.get("/me").token(this.tokens.user(DAVE)).from(ADMIN_ADDRESS).send().json().get("roles")
			.valueStream().map(role -> role.asString())).contains(Roles.ADMIN);
	}

	@Test
	void actuatorEndpointsAreRefusedFromOutsideWhateverTheToken() {
		ApiResponse scrape = this.api.get("/actuator/prometheus").token(this.tokens.client(DevRealm.METRICS_CLIENT)).send();
		ApiResponse metrics = this.api.get("/actuator/metrics").token(this.tokens.userWithMfa(DAVE)).send();
		ApiResponse anonymous = this.api.get("/actuator/metrics").send();

		for (ApiResponse refused : new ApiResponse[] { scrape, metrics, anonymous }) {
			assertProblem(refused, 403);
			assertThat(refused.json().get("detail").asString()).isEqualTo(NOT_FROM_THIS_ADDRESS);
			assertThat(refused.header("WWW-Authenticate")).isNull();
		}
	}

	@Test
	void actuatorEndpointsServeTheAdminNetworksOverIpv4AndIpv6() {
		String metrics = this.tokens.client(DevRealm.METRICS_CLIENT);

		assertThat(this.api.get("/actuator/prometheus").token(metrics).from(ADMIN_ADDRESS).send().status()).isEqualTo(200);
		assertThat(this.api.get("/actuator/prometheus").token(metrics).from(ADMIN_IPV6_ADDRESS).send().status())
			.isEqualTo(200);
		assertThat(this.api.get("/actuator/metrics").token(this.tokens.userWithMfa(DAVE)).from(ADMIN_ADDRESS).send()
			.status()).isEqualTo(200);
	}

	@Test
	void healthAndCustomersAreServedFromAnywhere() {
		assertThat(this.api.get("/actuator/health").send().status()).isEqualTo(200);
		assertThat(this.api.post("/orders").token(this.tokens.user(ALICE)).json(orderJson()).send().status())
			.isEqualTo(201);
	}

	@Test
	void anAdminAddressWrittenByTheClientIsNotBelieved() {
		// The client wrote an admin address; the trusted proxy appended the one it saw (Boot). In Lambda, API
		// Gateway's sourceIp (the outside address) is the client's, whatever the headers say.
		String outside = Api.newClientAddress();
		ApiResponse refused = this.api.get("/actuator/prometheus")
			.token(this.tokens.client(DevRealm.METRICS_CLIENT))
			.header("X-Forwarded-For", ADMIN_ADDRESS + ", " + outside)
			.from(outside)
			.send();

		assertProblem(refused, 403);
	}

	@Test
	void anInvalidTokenFromOutsideIsStillA401() {
		ApiResponse response = this.api.get("/actuator/prometheus").token("not-a-token").send();

		assertProblem(response, 401);
	}

	@Test
	void refusalsAreAuditedWithTheirReasonAndAddress() {
		String outside = Api.newClientAddress();
		String alicesOrder = placeOrder(ALICE);

		ApiResponse endpoint = this.api.get("/actuator/prometheus").from(outside).send();
		ApiResponse withoutRole = this.api.delete("/orders/" + alicesOrder).token(this.tokens.userWithMfa(DAVE))
			.from(outside).send();

		for (ApiResponse refused : new ApiResponse[] { endpoint, withoutRole }) {
			AuditLog.Line line = this.log.line(refused.header("X-Request-Id"));
			assertThat(line.field("bulwark.outcome")).isEqualTo("forbidden");
			assertThat(line.field("bulwark.reason")).isEqualTo(AdminNetworks.OUTSIDE);
			assertThat(line.field("client.address")).isEqualTo(outside);
		}
		assertThat(this.log.line(withoutRole.header("X-Request-Id")).field("user.id")).isNotBlank();
	}

	static class WithAdminNetworks extends SettingsOnTop {

		WithAdminNetworks() {
			super(SETTINGS);
		}

	}

}
