package dev.bulwark.support;

import java.io.PrintStream;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * Prints what a developer needs to call the locally running API: where Keycloak is, and {@code curl} commands
 * with fresh access tokens for a customer, fulfillment, an admin and the reporting service account.
 */
public class LocalRunReport implements ApplicationListener<ApplicationReadyEvent> {

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		int port = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
		String api = "http://localhost:" + port;
		Tokens tokens = Tokens.shared();
		PrintStream out = System.out;
		out.println();
		out.println("Bulwark is running at " + api + " (ready in " + event.getTimeTaken().toMillis() + " ms)");
		out.println("Keycloak: " + KeycloakServer.shared().baseUrl() + " (realm 'bulwark'; users and passwords in README.md)");
		out.println("OpenAPI document: " + api + "/openapi.json; developer portal: " + api + DeveloperPortal.PATH
				+ " (Authorize signs in through Keycloak)");
		out.println("Tokens below expire in 5 minutes.");
		out.println();
		out.println("# alice (customer) places an order and lists her orders");
		out.println("export ALICE=" + tokens.user("alice"));
		out.println("curl -i -X POST " + api + "/orders -H \"Authorization: Bearer $ALICE\" -H 'Content-Type: application/json' \\");
		out.println("  -d '{\"items\":[{\"sku\":\"BLW-MUG\",\"quantity\":2}],\"shippingAddress\":{\"name\":\"Alice\",\"line1\":\"1 Main Street\",\"city\":\"Lisbon\",\"postalCode\":\"1000-001\",\"country\":\"PT\"}}'");
		out.println("curl -i " + api + "/orders -H \"Authorization: Bearer $ALICE\"");
		out.println("# an order over 500.00 needs a sign-in with the one-time code: 401 insufficient_user_authentication,");
		out.println("# acr_values=\"mfa\" (RFC 9470); ALICE_MFA is alice signed in again asking for acr_values=mfa");
		out.println("curl -i -X POST " + api + "/orders -H \"Authorization: Bearer $ALICE\" -H 'Content-Type: application/json' \\");
		out.println("  -d '{\"items\":[{\"sku\":\"BLW-MUG\",\"quantity\":41}],\"shippingAddress\":{\"name\":\"Alice\",\"line1\":\"1 Main Street\",\"city\":\"Lisbon\",\"postalCode\":\"1000-001\",\"country\":\"PT\"}}'");
		out.println("export ALICE_MFA=" + tokens.userWithMfa("alice"));
		out.println("curl -i -X POST " + api + "/orders -H \"Authorization: Bearer $ALICE_MFA\" -H 'Content-Type: application/json' \\");
		out.println("  -d '{\"items\":[{\"sku\":\"BLW-MUG\",\"quantity\":41}],\"shippingAddress\":{\"name\":\"Alice\",\"line1\":\"1 Main Street\",\"city\":\"Lisbon\",\"postalCode\":\"1000-001\",\"country\":\"PT\"}}'");
		out.println();
		out.println("# carol (fulfillment) lists every order and confirms one");
		out.println("export CAROL=" + tokens.user("carol"));
		out.println("curl -i " + api + "/orders -H \"Authorization: Bearer $CAROL\"");
		out.println("curl -i -X PUT " + api + "/orders/<id>/status -H \"Authorization: Bearer $CAROL\" -H 'Content-Type: application/json' -d '{\"status\":\"CONFIRMED\"}'");
		out.println();
		out.println("# dave (admin) signed in with password and one-time code, as staff always do: deletes an order and");
		out.println("# reads metrics (both need a sign-in with the code in the last 5 minutes; tokens live 5 minutes)");
		out.println("export DAVE=" + tokens.user("dave"));
		out.println("curl -i -X DELETE " + api + "/orders/<id> -H \"Authorization: Bearer $DAVE\"");
		out.println("curl -i " + api + "/actuator/metrics -H \"Authorization: Bearer $DAVE\"");
		out.println();
		out.println("# the reporting service account (client credentials) reads every order");
		out.println("export REPORTING=" + tokens.client(DevRealm.REPORTING_CLIENT));
		out.println("curl -i " + api + "/orders -H \"Authorization: Bearer $REPORTING\"");
		out.println("curl -i " + api + "/me -H \"Authorization: Bearer $REPORTING\"");
		out.println();
		out.println("# the metrics service account scrapes the Prometheus endpoint, and nothing else");
		out.println("export METRICS=" + tokens.client(DevRealm.METRICS_CLIENT));
		out.println("curl -i " + api + "/actuator/prometheus -H \"Authorization: Bearer $METRICS\"");
		out.println();
	}

}
