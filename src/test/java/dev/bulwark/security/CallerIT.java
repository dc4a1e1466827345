package dev.bulwark.security;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.ContractTest;
import dev.bulwark.support.DevRealm;

import static org.assertj.core.api.Assertions.assertThat;

class CallerIT extends ContractTest {

	@Test
	void meDescribesAPersonFromTheirToken() {
		JsonNode me = this.api.get("/me").token(this.tokens.user(CAROL)).send().json();

		assertThat(me.get("username").asString()).isEqualTo(CAROL);
		assertThat(me.get("clientId").asString()).isEqualTo(DevRealm.WEB_CLIENT);
		assertThat(me.get("roles")).extracting(JsonNode::asString).containsExactly("fulfillment");
		assertThat(me.get("scopes")).extracting(JsonNode::asString).contains("openid");
		assertThat(me.get("subject").asString()).isNotBlank();
		assertThat(me.propertyNames()).containsExactlyInAnyOrder("subject", "username", "clientId", "roles", "scopes");
	}

	@Test
	void meDescribesAServiceAccount() {
		JsonNode me = this.api.get("/me").token(reportingToken()).send().json();

		assertThat(me.get("clientId").asString()).isEqualTo(DevRealm.REPORTING_CLIENT);
		assertThat(me.get("roles")).extracting(JsonNode::asString).containsExactly("orders:read");
	}

}
