package dev.bulwark.lambda;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.junit.jupiter.api.Test;

import dev.bulwark.support.DeploymentTemplate;
import dev.bulwark.support.InfrastructureSettings;

import static dev.bulwark.support.DeploymentTemplate.list;
import static dev.bulwark.support.DeploymentTemplate.map;
import static dev.bulwark.support.DeploymentTemplate.ref;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code template.yaml} deploys what the README promises. (The tables' shape is checked against the code in
 * {@code DeploymentTablesTests}.)
 */
class DeploymentTemplateTests {

	private final DeploymentTemplate template = DeploymentTemplate.load();

	private final Map<String, Map<String, Object>> functions = this.template.resources("AWS::Serverless::Function");

	@Test
	void iamPoliciesGrantEachFunctionExactlyTheDynamoDbCallsItMakes() {
		assertThat(grants("ApiFunction")).containsExactlyInAnyOrderEntriesOf(Map.of(
				"{Fn::GetAtt=OrdersTable.Arn}",
				List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Scan"),
				"{Fn::Sub=${OrdersTable.Arn}/index/byCustomer}", List.of("dynamodb:Query"),
				"{Fn::GetAtt=IdempotencyTable.Arn}", List.of("dynamodb:GetItem", "dynamodb:PutItem"),
				"{Fn::GetAtt=RateLimitsTable.Arn}", List.of("dynamodb:UpdateItem")));
		assertThat(grants("OrderExpiryFunction")).containsExactlyInAnyOrderEntriesOf(
				Map.of("{Fn::Sub=${OrdersTable.Arn}/index/byStatus}", List.of("dynamodb:Query"),
						"{Fn::GetAtt=OrdersTable.Arn}", List.of("dynamodb:UpdateItem")));
	}

	@Test
	void iamPoliciesHaveNoWildcards() {
		this.functions.keySet()
			.forEach(function -> grants(function).forEach((resource, actions) -> {
				assertThat(resource).doesNotContain("*");
				assertThat(actions).allSatisfy(action -> assertThat(action).doesNotContain("*"));
			}));
	}

	/**
	 * Resource (as text) to the actions allowed on it, over all of a function's policy statements.
	 */
	private Map<String, List<String>> grants(String function) {
		Map<String, List<String>> grants = new LinkedHashMap<>();
		list(this.template.properties(function).get("Policies"))
			.forEach(policy -> list(map(policy).get("Statement")).forEach(statement -> {
				assertThat(map(statement).get("Effect")).isEqualTo("Allow");
				for (Object resource : list(map(statement).get("Resource"))) {
					List<String> actions = grants.computeIfAbsent(resource.toString(), key -> new ArrayList<>());
					list(map(statement).get("Action")).forEach(action -> actions.add(action.toString()));
				}
			}));
		return grants;
	}

	@Test
	void functionsUseSnapStartOnPublishedVersionsBehindAnAlias() {
		Map<String, Object> globals = map(this.template.section("Globals").get("Function"));

		assertThat(map(globals.get("SnapStart")).get("ApplyOn")).isEqualTo("PublishedVersions");
		assertThat(globals.get("AutoPublishAlias")).isEqualTo("live");
		assertThat(globals.get("Runtime")).isEqualTo("java21");
		assertThat((Integer) globals.get("MemorySize")).isGreaterThanOrEqualTo(1024);
		this.functions.values()
			.forEach(function -> assertThat(map(function.get("Properties"))).doesNotContainKey("SnapStart"));
	}

	@Test
	void gatewayAuthorizerAndFunctionTrustTheSameIssuerAndAudience() {
		Map<String, Object> auth = map(this.template.properties("HttpApi").get("Auth"));
		Map<String, Object> jwt = map(map(map(auth.get("Authorizers")).get(auth.get("DefaultAuthorizer")))
			.get("JwtConfiguration"));
		Map<String, Object> environment = map(map(map(this.template.section("Globals").get("Function"))
			.get("Environment")).get("Variables"));

		assertThat(jwt.get("issuer")).isEqualTo(ref("IssuerUri"));
		assertThat(list(jwt.get("audience"))).containsExactly(ref("Audience"));
		assertThat(environment.get("BULWARK_ISSUER_URI")).isEqualTo(ref("IssuerUri"));
		assertThat(environment.get("BULWARK_AUDIENCE")).isEqualTo(ref("Audience"));
		assertThat(environment.get("BULWARK_RATELIMIT_FLEET_ENABLED")).isEqualTo(ref("FleetQuota"));
		assertThat(map(this.template.section("Parameters").get("FleetQuota")).get("Default")).isEqualTo("false");
		assertThat(map(this.template.section("Parameters").get("IssuerUri")).get("AllowedPattern").toString())
			.startsWith("^https://");
	}

	@Test
	void deployerNamesTheClientsWhoseTokensTheFunctionAccepts() {
		Map<String, Object> environment = map(map(map(this.template.section("Globals").get("Function"))
			.get("Environment")).get("Variables"));
		Map<String, Object> parameter = map(this.template.section("Parameters").get("AuthorizedClients"));

		assertThat(environment.get("BULWARK_SECURITY_AUTHORIZEDCLIENTS")).isEqualTo(ref("AuthorizedClients"));
		assertThat(parameter.get("Default")).isEqualTo("bulwark-web,bulwark-reporting");
		assertThat(Pattern.matches(parameter.get("AllowedPattern").toString(), "bulwark-web,new-client")).isTrue();
		assertThat(Pattern.matches(parameter.get("AllowedPattern").toString(), "")).isFalse();
	}

	@Test
	void onlyCorsPreflightsWithCorsOnAndTheTwoPublicEndpointsSkipTheGatewayAuthorizer() {
		assertThat(routesWithoutAuthorizer(Map.of())).containsExactlyInAnyOrder("GET /actuator/health",
				"GET /.well-known/oauth-protected-resource");
		assertThat(routesWithoutAuthorizer(Map.of("CorsAllowedOrigins", "https://shop.example")))
			.containsExactlyInAnyOrder("GET /actuator/health", "GET /.well-known/oauth-protected-resource",
					"OPTIONS /{proxy+}");
	}

	@Test
	void corsIsOnExactlyWhenOriginsAreConfigured() {
		Map<String, Object> origins = map(this.template.section("Parameters").get("CorsAllowedOrigins"));
		String pattern = origins.get("AllowedPattern").toString();

		assertThat(origins.get("Default")).isEqualTo("");
		assertThat(this.template.condition("HasCorsOrigins", Map.of())).isFalse();
		assertThat(this.template.condition("HasCorsOrigins", Map.of("CorsAllowedOrigins", "https://shop.example")))
			.isTrue();
		assertThat(Pattern.matches(pattern, "https://shop.example,http://localhost:3000")).isTrue();
		assertThat(Pattern.matches(pattern, "*")).isFalse();
		assertThat(map(map(this.template.properties("ApiFunction").get("Environment")).get("Variables"))
			.get("BULWARK_SECURITY_CORSALLOWEDORIGINS")).isEqualTo(Map.of("Fn::If",
					List.of("HasCorsOrigins", ref("CorsAllowedOrigins"), ref("AWS::NoValue"))));
	}

	@Test
	void corsPreflightRouteInvokesTheFunctionsLiveAlias() {
		Map<String, Map<String, Object>> deployed = this.template
			.deployedResources(Map.of("CorsAllowedOrigins", "https://shop.example"));
		Map<String, Object> route = map(deployed.get("CorsPreflightRoute").get("Properties"));
		Map<String, Object> integration = map(deployed.get("CorsPreflightIntegration").get("Properties"));
		Map<String, Object> permission = map(deployed.get("CorsPreflightPermission").get("Properties"));

		assertThat(route.get("ApiId")).isEqualTo(ref("HttpApi"));
		assertThat(route.get("Target")).isEqualTo(Map.of("Fn::Sub", "integrations/${CorsPreflightIntegration}"));
		assertThat(integration).containsEntry("ApiId", ref("HttpApi"))
			.containsEntry("IntegrationType", "AWS_PROXY")
			.containsEntry("IntegrationUri", ref("ApiFunction.Alias"))
			.containsEntry("PayloadFormatVersion", "2.0");
		assertThat(permission).containsEntry("FunctionName", ref("ApiFunction.Alias"))
			.containsEntry("Principal", "apigateway.amazonaws.com");
		assertThat(map(permission.get("SourceArn")).get("Fn::Sub").toString()).endsWith("${HttpApi}/*/OPTIONS/*");
	}

	/**
	 * The routes ({@code METHOD /path}) of the HTTP API that skip its authorizer, as deployed with the given
	 * parameter values: SAM events of the functions, and route resources.
	 */
	private List<String> routesWithoutAuthorizer(Map<String, String> parameters) {
		List<String> routes = new ArrayList<>();
		this.template.deployedResources(parameters).values().forEach(resource -> {
			Map<String, Object> properties = map(resource.get("Properties"));
			if ("AWS::Serverless::Function".equals(resource.get("Type"))) {
				map(properties.get("Events")).values()
					.stream()
					.map(event -> map(map(event).get("Properties")))
					.filter(event -> "NONE".equals(map(event.get("Auth")).get("Authorizer")))
					.forEach(event -> routes.add(event.get("Method") + " " + event.get("Path")));
			}
			// A route resource without an authorization type has none.
			if ("AWS::ApiGatewayV2::Route".equals(resource.get("Type"))
					&& "NONE".equals(properties.getOrDefault("AuthorizationType", "NONE"))) {
				routes.add(properties.get("RouteKey").toString());
			}
		});
		return routes;
	}

	@Test
	void gatewayThrottlesEveryRoute() {
		Map<String, Object> routes = map(this.template.properties("HttpApi").get("DefaultRouteSettings"));

		assertThat(routes.get("ThrottlingBurstLimit")).isEqualTo(ref("ThrottlingBurstLimit"));
		assertThat(routes.get("ThrottlingRateLimit")).isEqualTo(ref("ThrottlingRateLimit"));
		assertThat(map(this.template.section("Parameters").get("ThrottlingRateLimit")).get("Default")).isEqualTo(50);
	}

	@Test
	void everyLogIsKeptForALimitedTime() {
		Map<String, Map<String, Object>> logGroups = this.template.resources("AWS::Logs::LogGroup");
		Map<String, Object> accessLogs = map(this.template.properties("HttpApi").get("AccessLogSettings"));

		assertThat(logGroups).isNotEmpty()
			.allSatisfy((id, group) -> assertThat(map(group.get("Properties"))).containsEntry("RetentionInDays",
					ref("LogRetentionDays")));
		assertThat(accessLogs.get("DestinationArn")).isEqualTo(Map.of("Fn::GetAtt", "HttpApiAccessLogs.Arn"));
		this.functions.values().forEach(function -> assertThat(logGroups)
			.containsKey((String) referenced(map(map(function.get("Properties")).get("LoggingConfig")).get("LogGroup"))));
	}

	@Test
	void handlersAreTheApplicationsEntryPoints() throws ClassNotFoundException {
		for (Map<String, Object> function : this.functions.values()) {
			String handler = (String) map(function.get("Properties")).get("Handler");
			Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
			assertThat(RequestStreamHandler.class).isAssignableFrom(type);
			assertThat(handler).endsWith("::handleRequest");
		}
	}

	@Test
	void codeIsThePackageTheBuildMakes() {
		Path built = Path.of(InfrastructureSettings.load().getProperty("lambda.artifact"));
		Object codeUri = map(this.template.section("Globals").get("Function")).get("CodeUri");

		assertThat(Path.of(codeUri.toString()).toAbsolutePath()).isEqualTo(built.toAbsolutePath());
	}

	@Test
	void scheduledFunctionHasNoHttpRoute() {
		Map<String, Object> events = map(this.template.properties("OrderExpiryFunction").get("Events"));

		assertThat(events.values()).allSatisfy(event -> assertThat(map(event).get("Type")).isEqualTo("Schedule"));
	}

	@Test
	void secretsArePassedInNeverWrittenDown() {
		Map<String, Object> cursorKey = map(this.template.section("Parameters").get("CursorKey"));

		assertThat(cursorKey.get("NoEcho")).isEqualTo(true);
		assertThat(cursorKey).doesNotContainKey("Default");
		assertThat(map(map(this.template.properties("ApiFunction").get("Environment")).get("Variables"))
			.get("BULWARK_DYNAMODB_CURSORKEY")).isEqualTo(ref("CursorKey"));
	}

	private static Object referenced(Object reference) {
		return map(reference).get("Ref");
	}

}
