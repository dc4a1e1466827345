package dev.bulwark.lambda;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.bulwark.support.DeploymentTemplate;
import dev.bulwark.support.InfrastructureSettings;
import dev.bulwark.support.MetricMath;
import dev.bulwark.support.MetricQuery;

import static dev.bulwark.support.DeploymentTemplate.list;
import static dev.bulwark.support.DeploymentTemplate.map;
import static dev.bulwark.support.DeploymentTemplate.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code template.yaml} deploys what the README promises. (The tables' shape is checked against the code in
 * {@code DeploymentTablesTests}.)
 */
class DeploymentTemplateTests {

	/**
	 * The CloudWatch alarm standing in for each Prometheus rule in Lambda. {@code BulwarkDown} has none: there is no
	 * instance to scrape, and the Lambda errors and throttles alarms watch the functions themselves.
	 */
	private static final Map<String, String> ALARM_OF_RULE = Map.of(
			"BulwarkAuthenticationFailureSpike", "AuthenticationFailureAlarm",
			"BulwarkObjectProbing", "ObjectProbingAlarm",
			"BulwarkRateLimiting", "RateLimitingAlarm",
			"BulwarkServerErrors", "ServerErrorAlarm",
			"BulwarkUnexpectedVolume", "UnexpectedVolumeAlarm");

	private static final String REQUESTS = CloudWatchMetrics.METRIC;

	private final DeploymentTemplate template = DeploymentTemplate.load();

	private final Map<String, Map<String, Object>> functions = this.template.resources("AWS::Serverless::Function");

	private final Map<String, Map<String, Object>> alarms = this.template.resources("AWS::CloudWatch::Alarm");

	private final Map<String, Map<String, Object>> rules = prometheusRules();

	@Test
	void iamPoliciesGrantEachFunctionExactlyTheDynamoDbCallsItMakes() {
		assertThat(grants("ApiFunction")).containsExactlyInAnyOrderEntriesOf(Map.of(
				"{Fn::GetAtt=OrdersTable.Arn}",
				List.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Scan"),
				"{Fn::Sub=${OrdersTable.Arn}/index/byCustomer}", List.of("dynamodb:Query"),
				"{Fn::GetAtt=IdempotencyTable.Arn}", List.of("dynamodb:GetItem", "dynamodb:PutItem"),
				"{Fn::GetAtt=RateLimitsTable.Arn}", List.of("dynamodb:UpdateItem"),
				"{Fn::GetAtt=DPoPProofsTable.Arn}", List.of("dynamodb:PutItem")));
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
		Map<String, Object> authorizer = this.template.properties("HttpApiKeycloakAuthorizer");
		Map<String, Object> jwt = map(authorizer.get("JwtConfiguration"));
		Map<String, Object> environment = map(map(map(this.template.section("Globals").get("Function"))
			.get("Environment")).get("Variables"));

		assertThat(authorizer).containsEntry("AuthorizerType", "JWT")
			.containsEntry("IdentitySource", List.of("$request.header.Authorization"));
		assertThat(jwt.get("Issuer")).isEqualTo(ref("IssuerUri"));
		assertThat(list(jwt.get("Audience"))).containsExactly(ref("Audience"));
		assertThat(environment.get("BULWARK_ISSUER_URI")).isEqualTo(ref("IssuerUri"));
		assertThat(environment.get("BULWARK_AUDIENCE")).isEqualTo(ref("Audience"));
		assertThat(environment.get("BULWARK_RATELIMIT_FLEET_ENABLED")).isEqualTo(ref("FleetQuota"));
		assertThat(map(this.template.section("Parameters").get("FleetQuota")).get("Default")).isEqualTo("true");
		assertThat(map(this.template.section("Parameters").get("IssuerUri")).get("AllowedPattern").toString())
			.startsWith("^https://");
	}

	@Test
	void deployerNamesTheClientsWhoseTokensTheFunctionAccepts() {
		Map<String, Object> environment = map(map(map(this.template.section("Globals").get("Function"))
			.get("Environment")).get("Variables"));
		Map<String, Object> parameter = map(this.template.section("Parameters").get("AuthorizedClients"));

		assertThat(environment.get("BULWARK_SECURITY_AUTHORIZEDCLIENTS")).isEqualTo(ref("AuthorizedClients"));
		assertThat(parameter.get("Default")).isEqualTo("bulwark-web,bulwark-cli,bulwark-reporting");
		assertThat(Pattern.matches(parameter.get("AllowedPattern").toString(), "bulwark-web,new-client")).isTrue();
		assertThat(Pattern.matches(parameter.get("AllowedPattern").toString(), "")).isFalse();
	}

	@Test
	void deployerNamesTheClientsThatMustUseDPoPAndWhereTheFleetRecordsUsedProofs() {
		Map<String, Object> environment = map(map(this.template.properties("ApiFunction").get("Environment"))
			.get("Variables"));
		Map<String, Object> parameter = map(this.template.section("Parameters").get("DPoPRequiredClients"));

		assertThat(environment.get("BULWARK_SECURITY_DPOP_REQUIREDCLIENTS")).isEqualTo(ref("DPoPRequiredClients"));
		assertThat(parameter.get("Default")).isEqualTo("bulwark-cli");
		assertThat(Pattern.matches(parameter.get("AllowedPattern").toString(), "bulwark-cli,partner")).isTrue();
		assertThat(Pattern.matches(parameter.get("AllowedPattern").toString(), "")).isTrue();
		assertThat(Pattern.matches(parameter.get("AllowedPattern").toString(), "a,,b")).isFalse();
		assertThat(map(map(this.template.section("Globals").get("Function")).get("Environment")))
			.extracting(variables -> map(variables.get("Variables")).get("BULWARK_SECURITY_DPOP_REPLAYTABLE"))
			.isEqualTo(ref("DPoPProofsTable"));
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
	void adminNetworksReachTheFunctionOnlyWhenGiven() {
		Map<String, Object> networks = map(this.template.section("Parameters").get("AdminNetworks"));
		String pattern = networks.get("AllowedPattern").toString();

		assertThat(networks.get("Default")).isEqualTo("");
		assertThat(this.template.condition("HasAdminNetworks", Map.of())).isFalse();
		assertThat(this.template.condition("HasAdminNetworks", Map.of("AdminNetworks", "192.0.2.0/24"))).isTrue();
		assertThat(Pattern.matches(pattern, "192.0.2.0/24,2001:db8::/32")).isTrue();
		assertThat(Pattern.matches(pattern, "192.0.2.1")).isFalse();
		assertThat(Pattern.matches(pattern, "admin.example.com/24")).isFalse();
		assertThat(map(map(this.template.properties("ApiFunction").get("Environment")).get("Variables"))
			.get("BULWARK_SECURITY_ADMINNETWORKS")).isEqualTo(Map.of("Fn::If",
					List.of("HasAdminNetworks", ref("AdminNetworks"), ref("AWS::NoValue"))));
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
	void everyHttpApiRouteInvokesTheFunctionsLiveAlias() {
		Map<String, Map<String, Object>> deployed = this.template
			.deployedResources(Map.of("CorsAllowedOrigins", "https://shop.example"));
		Map<String, Object> integration = map(deployed.get("HttpApiIntegration").get("Properties"));
		Map<String, Object> permission = map(deployed.get("HttpApiPermission").get("Properties"));

		assertThat(deployed).containsKey("HttpApiCorsPreflightRoute");
		deployed.values().stream().filter(resource -> "AWS::ApiGatewayV2::Route".equals(resource.get("Type")))
			.map(resource -> map(resource.get("Properties")))
			.forEach(route -> assertThat(route).containsEntry("ApiId", ref("HttpApi"))
				.containsEntry("Target", Map.of("Fn::Sub", "integrations/${HttpApiIntegration}")));
		assertThat(integration).containsEntry("ApiId", ref("HttpApi"))
			.containsEntry("IntegrationType", "AWS_PROXY")
			.containsEntry("IntegrationUri", ref("ApiFunction.Alias"))
			.containsEntry("PayloadFormatVersion", "2.0");
		assertThat(permission).containsEntry("FunctionName", ref("ApiFunction.Alias"))
			.containsEntry("Principal", "apigateway.amazonaws.com");
		assertThat(this.template.text(permission.get("SourceArn"))).isEqualTo(
				"arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<HttpApi>/*");
	}

	/**
	 * The routes ({@code METHOD /path}) of the HTTP API that skip its authorizer, as deployed with the given
	 * parameter values.
	 */
	private List<String> routesWithoutAuthorizer(Map<String, String> parameters) {
		return this.template.deployedResources(parameters).values().stream()
			.filter(resource -> "AWS::ApiGatewayV2::Route".equals(resource.get("Type")))
			.map(resource -> map(resource.get("Properties")))
			.filter(route -> !"JWT".equals(route.get("AuthorizationType"))
					|| !ref("HttpApiKeycloakAuthorizer").equals(route.get("AuthorizerId")))
			.map(route -> route.get("RouteKey").toString())
			.toList();
	}

	@Test
	void gatewayThrottlesEveryRouteOfEitherEdge() {
		Map<String, Object> routes = map(this.template.properties("HttpApiStage").get("DefaultRouteSettings"));
		List<Object> methods = list(this.template.properties("RestApi").get("MethodSettings"));

		assertThat(routes.get("ThrottlingBurstLimit")).isEqualTo(ref("ThrottlingBurstLimit"));
		assertThat(routes.get("ThrottlingRateLimit")).isEqualTo(ref("ThrottlingRateLimit"));
		assertThat(methods).singleElement().satisfies(all -> assertThat(map(all))
			.containsEntry("ResourcePath", "/*")
			.containsEntry("HttpMethod", "*")
			.containsEntry("ThrottlingBurstLimit", ref("ThrottlingBurstLimit"))
			.containsEntry("ThrottlingRateLimit", ref("ThrottlingRateLimit")));
		assertThat(map(this.template.section("Parameters").get("ThrottlingRateLimit")).get("Default")).isEqualTo(50);
	}

	@Test
	void everyLogIsKeptForALimitedTime() {
		Map<String, Map<String, Object>> logGroups = this.template.resources("AWS::Logs::LogGroup");
		Map<String, Object> httpApiLogs = map(this.template.properties("HttpApiStage").get("AccessLogSettings"));
		Map<String, Object> restApiLogs = map(this.template.properties("RestApi").get("AccessLogSetting"));

		assertThat(logGroups).isNotEmpty()
			.allSatisfy((id, group) -> assertThat(map(group.get("Properties"))).containsEntry("RetentionInDays",
					ref("LogRetentionDays")));
		for (Map<String, Object> accessLogs : List.of(httpApiLogs, restApiLogs)) {
			assertThat(accessLogs.get("DestinationArn")).isEqualTo(Map.of("Fn::GetAtt", "ApiAccessLogs.Arn"));
			assertThat(accessLogs.get("Format").toString()).contains("\"ip\":\"$context.identity.sourceIp\"",
					"\"status\":\"$context.status\"", "\"requestId\":\"$context.requestId\"");
		}
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

	@Test
	void alarmsWatchTheNamespaceTheFunctionWritesTo() {
		String namespace = functionNamespace();
		List<MetricQuery.Metric> watched = this.alarms.keySet()
			.stream()
			.flatMap(alarm -> this.template.alarmQueries(alarm).stream())
			.map(MetricQuery::metric)
			.filter(Objects::nonNull)
			.toList();

		assertThat(namespace).isEqualTo("Bulwark/<AWS::StackName>");
		assertThat(watched).filteredOn(metric -> metric.name().equals(REQUESTS))
			.hasSizeGreaterThanOrEqualTo(ALARM_OF_RULE.size())
			.allSatisfy(metric -> assertThat(metric.namespace()).isEqualTo(namespace));
		assertThat(watched).allSatisfy(metric -> assertThat(metric.namespace()).isIn(namespace, "AWS/Lambda"));
	}

	@Test
	void everyPrometheusRuleButTheScrapeHasAnAlarm() {
		assertThat(this.rules.keySet()).containsExactlyInAnyOrderElementsOf(
				Stream.concat(ALARM_OF_RULE.keySet().stream(), Stream.of("BulwarkDown")).toList());
		assertThat(this.alarms).containsKeys(ALARM_OF_RULE.values().toArray(String[]::new));
	}

	@Test
	void alarmsSelectTheOutcomesAndReasonsOfTheirPrometheusRules() {
		ALARM_OF_RULE.forEach((rule, alarm) -> {
			String expression = this.rules.get(rule).get("expr").toString();

			assertThat(dimensionValues(alarm, "outcome")).as(alarm)
				.isEqualTo(labelValues(expression, "outcome"));
			assertThat(dimensionValues(alarm, "reason")).as(alarm).isEqualTo(labelValues(expression, "reason"));
		});
	}

	@Test
	void alarmsHaveThePrometheusRulesThresholdsAndDurations() {
		assertThat(threshold("AuthenticationFailureAlarm"))
			.isEqualTo(prometheusThreshold("BulwarkAuthenticationFailureSpike"))
			.isEqualTo(20);
		assertThat(threshold("ObjectProbingAlarm")).isEqualTo(prometheusThreshold("BulwarkObjectProbing"))
			.isEqualTo(20);
		assertThat(threshold("RateLimitingAlarm")).isEqualTo(prometheusThreshold("BulwarkRateLimiting"))
			.isEqualTo(60);
		// A percentage, where Prometheus compares a ratio.
		assertThat(threshold("ServerErrorAlarm")).isCloseTo(100 * prometheusThreshold("BulwarkServerErrors"),
				within(1e-9))
			.isEqualTo(1);
		ALARM_OF_RULE.forEach((rule, alarm) -> {
			Map<String, Object> properties = this.template.properties(alarm);
			int periods = (Integer) properties.get("EvaluationPeriods");

			assertThat(this.template.alarmQueries(alarm)).filteredOn(query -> query.metric() != null)
				.isNotEmpty()
				.allSatisfy(query -> assertThat(query.period()).as(alarm).isEqualTo(60));
			assertThat(properties.get("DatapointsToAlarm")).as(alarm).isEqualTo(periods);
			assertThat(periods * 60).as(alarm).isEqualTo(prometheusDurationSeconds(rule));
		});
	}

	@Test
	void authenticationFailureAlarmIgnoresRequestsWithoutAToken() {
		String alarm = "AuthenticationFailureAlarm";

		assertThat(fires(alarm, refusedToken(1000, "missing"))).isFalse();
		assertThat(fires(alarm, refusedToken(1000, "missing"), refusedToken(20, "expired"))).isFalse();
		assertThat(fires(alarm, refusedToken(1000, "missing"), refusedToken(21, "expired"))).isTrue();
		assertThat(fires(alarm, refusedToken(11, "bad-signature"), refusedToken(10, "wrong-issuer"))).isTrue();
		assertThat(fires(alarm, known(5000, "allowed"), anonymous(5000, "not-found"))).isFalse();
	}

	@Test
	void objectProbingAlarmCountsRefusalsAndOtherCallersObjectsButNotUnknownRoutes() {
		String alarm = "ObjectProbingAlarm";

		assertThat(fires(alarm, known(21, "forbidden"))).isTrue();
		assertThat(fires(alarm, known(21, "not-found-for-caller"))).isTrue();
		assertThat(fires(alarm, known(10, "forbidden"), known(11, "not-found-for-caller"))).isTrue();
		assertThat(fires(alarm, known(10, "forbidden"), known(10, "not-found-for-caller"))).isFalse();
		assertThat(fires(alarm, anonymous(1000, "not-found"), known(1000, "allowed"))).isFalse();
	}

	@Test
	void rateLimitingAlarmCountsClientsOverTheirTierAndAddressesLockedOut() {
		String alarm = "RateLimitingAlarm";

		assertThat(fires(alarm, known(61, "rate-limited"))).isTrue();
		assertThat(fires(alarm, anonymous(61, "locked-out"))).isTrue();
		assertThat(fires(alarm, known(30, "rate-limited"), anonymous(30, "locked-out"))).isFalse();
		assertThat(fires(alarm, known(30, "rate-limited"), anonymous(31, "locked-out"))).isTrue();
	}

	@Test
	void serverErrorAlarmFiresAboveOnePercentOfAllRequests() {
		String alarm = "ServerErrorAlarm";

		assertThat(fires(alarm, known(198, "allowed"), known(2, "error"))).isFalse();
		assertThat(fires(alarm, known(197, "allowed"), anonymous(3, "error"))).isTrue();
		assertThat(fires(alarm, known(100, "allowed"), refusedToken(100, "missing"), known(3, "error"))).isTrue();
		assertThat(fires(alarm, known(1000, "allowed"), known(1000, "forbidden"))).isFalse();
	}

	@Test
	void unexpectedVolumeAlarmFiresAboveTheBandCloudWatchLearnsFromAllRequests() {
		Map<String, Object> properties = this.template.properties("UnexpectedVolumeAlarm");
		List<MetricQuery> queries = this.template.alarmQueries("UnexpectedVolumeAlarm");
		MetricQuery requests = queries.stream().filter(query -> query.metric() != null).findFirst().orElseThrow();

		assertThat(requests.metric())
			.isEqualTo(new MetricQuery.Metric(functionNamespace(), REQUESTS, Map.of(), "SampleCount"));
		assertThat(queries).hasSize(2).allSatisfy(query -> assertThat(query.returned()).isTrue());
		assertThat(queries).filteredOn(query -> query.id().equals(properties.get("ThresholdMetricId")))
			.singleElement()
			.satisfies(band -> assertThat(band.expression())
				.matches("ANOMALY_DETECTION_BAND\\(" + requests.id() + ", \\d+\\)"));
		assertThat(properties).containsEntry("ComparisonOperator", "GreaterThanUpperThreshold")
			.doesNotContainKey("Threshold");
	}

	@Test
	void lambdaErrorsAndThrottlesOfEitherFunctionRaiseAnAlarmAtTheFirst() {
		for (String function : this.functions.keySet()) {
			for (String metric : List.of("Errors", "Throttles")) {
				MetricQuery.Metric watched = new MetricQuery.Metric("AWS/Lambda", metric,
						Map.of("FunctionName", "<" + function + ">"), "Sum");

				assertThat(this.alarms.keySet()).as(function + " " + metric)
					.filteredOn(alarm -> this.template.alarmQueries(alarm)
						.equals(List.of(new MetricQuery(null, watched, 60, null, true))))
					.singleElement()
					.satisfies(alarm -> assertThat(this.template.properties(alarm))
						.containsEntry("ComparisonOperator", "GreaterThanThreshold")
						.containsEntry("Threshold", 0)
						.containsEntry("EvaluationPeriods", 1)
						.containsEntry("DatapointsToAlarm", 1));
			}
		}
	}

	@Test
	void everyAlarmNotifiesTheAlarmTopicAndSaysWhereToLook() {
		assertThat(this.template.resources("AWS::SNS::Topic")).containsOnlyKeys("AlarmTopic");
		assertThat(this.alarms).hasSize(ALARM_OF_RULE.size() + 2 * this.functions.size())
			.allSatisfy((id, alarm) -> {
				Map<String, Object> properties = map(alarm.get("Properties"));
				String description = this.template.text(properties.get("AlarmDescription"));

				assertThat(list(properties.get("AlarmActions"))).as(id).containsExactly(ref("AlarmTopic"));
				assertThat(list(properties.get("OKActions"))).as(id).containsExactly(ref("AlarmTopic"));
				assertThat(properties).as(id).containsEntry("TreatMissingData", "notBreaching");
				assertThat(this.template.text(properties.get("AlarmName"))).as(id).startsWith("<AWS::StackName>-");
				assertThat(description).as(id).hasSizeLessThanOrEqualTo(1024).matches(".*(<\\w+Logs>|dashboard).*");
				dimensionValues(id, "outcome")
					.forEach(outcome -> assertThat(description).as(id).contains("\"" + outcome + "\""));
			});
	}

	@Test
	void alarmEmailSubscriptionExistsOnlyWhenAnAddressIsGiven() {
		Map<String, Object> parameter = map(this.template.section("Parameters").get("AlarmEmail"));
		String pattern = parameter.get("AllowedPattern").toString();
		Predicate<Map<String, Object>> subscription = resource -> "AWS::SNS::Subscription".equals(resource.get("Type"));

		assertThat(parameter.get("Default")).isEqualTo("");
		assertThat(Pattern.matches(pattern, "")).isTrue();
		assertThat(Pattern.matches(pattern, "ops@example.com")).isTrue();
		assertThat(Pattern.matches(pattern, "ops")).isFalse();
		assertThat(this.template.deployedResources(Map.of()).values()).noneMatch(subscription);
		assertThat(this.template.deployedResources(Map.of("AlarmEmail", "ops@example.com")).values())
			.filteredOn(subscription)
			.singleElement()
			.satisfies(resource -> assertThat(map(resource.get("Properties"))).containsEntry("Protocol", "email")
				.containsEntry("Endpoint", ref("AlarmEmail"))
				.containsEntry("TopicArn", ref("AlarmTopic")));
	}

	@Test
	void dashboardDrawsWhatEachAlarmWatchesWithItsThreshold() {
		List<Map<String, Object>> graphs = dashboardGraphs();

		this.alarms.keySet().stream().filter(alarm -> this.template.properties(alarm).containsKey("Metrics"))
			.forEach(alarm -> {
				Object threshold = this.template.properties(alarm).get("Threshold");

				assertThat(graphs).as(alarm)
					.filteredOn(graph -> MetricQuery.ofGraph(graph)
						.containsAll(this.template.alarmQueries(alarm)))
					.singleElement()
					.satisfies(graph -> assertThat(list(map(graph.get("annotations")).get("horizontal")))
						.map(annotation -> map(annotation).get("value"))
						.containsExactlyElementsOf((threshold != null) ? List.of(threshold) : List.of()));
			});
		assertThat(list(dashboardWidgets().stream()
			.filter(widget -> "alarm".equals(widget.get("type")))
			.map(widget -> map(widget.get("properties")))
			.findFirst()
			.orElseThrow()
			.get("alarms"))).containsExactlyInAnyOrderElementsOf(
					this.alarms.keySet().stream().map(alarm -> "<" + alarm + ".Arn>").toList());
	}

	@Test
	void dashboardShowsRequestsByOutcomeAndReasonAndTheirLatencyInTheFunctionsNamespace() {
		String namespace = functionNamespace();
		String search = "SEARCH('{\"%s\",%s} MetricName=\"bulwark.requests\"', 'SampleCount', 60)";
		List<MetricQuery> queries = dashboardGraphs().stream()
			.flatMap(graph -> MetricQuery.ofGraph(graph).stream())
			.toList();

		assertThat(queries).extracting(MetricQuery::expression)
			.contains(search.formatted(namespace, "outcome"), search.formatted(namespace, "outcome,reason"));
		assertThat(queries).extracting(MetricQuery::metric)
			.contains(new MetricQuery.Metric(namespace, REQUESTS, Map.of(), "p50"),
					new MetricQuery.Metric(namespace, REQUESTS, Map.of(), "p99"));
		assertThat(queries).extracting(MetricQuery::metric)
			.filteredOn(metric -> metric != null && metric.name().equals(REQUESTS))
			.allSatisfy(metric -> assertThat(metric.namespace()).isEqualTo(namespace));
		assertThat(queries).filteredOn(query -> query.metric() != null)
			.allSatisfy(query -> assertThat(query.period()).isEqualTo(60));
		assertThat(dashboardGraphs()).allSatisfy(graph -> assertThat(graph.get("region")).isEqualTo("<AWS::Region>"));
	}

	@Test
	void dashboardShowsEachFunctionsErrorsThrottlesDurationAndConcurrency() {
		Set<List<String>> drawn = dashboardGraphs().stream()
			.flatMap(graph -> MetricQuery.ofGraph(graph).stream())
			.map(MetricQuery::metric)
			.filter(metric -> metric != null && metric.namespace().equals("AWS/Lambda"))
			.map(metric -> List.of(metric.name(), metric.dimensions().get("FunctionName")))
			.collect(Collectors.toSet());

		for (String function : this.functions.keySet()) {
			for (String metric : List.of("Errors", "Throttles", "Duration", "ConcurrentExecutions")) {
				assertThat(drawn).contains(List.of(metric, "<" + function + ">"));
			}
		}
	}

	@Test
	void dashboardIsNamedPerStackAndRegion() {
		assertThat(this.template.text(this.template.properties("Dashboard").get("DashboardName")))
			.isEqualTo("<AWS::StackName>-<AWS::Region>");
	}

	/**
	 * Whether the alarm breaches in a minute of the given requests, each written by the function as CloudWatch
	 * Embedded Metric Format: one sample of {@code bulwark.requests} under each of its dimension sets.
	 */
	private boolean fires(String alarm, Requests... minute) {
		Map<String, Object> properties = this.template.properties(alarm);
		Map<String, Double> values = new HashMap<>();
		List<MetricQuery> queries = this.template.alarmQueries(alarm);
		for (MetricQuery query : queries) {
			if (query.metric() != null) {
				assertThat(query.metric().name()).isEqualTo(REQUESTS);
				assertThat(query.metric().stat()).isEqualTo("SampleCount");
				int count = Arrays.stream(minute).filter(requests -> requests.countIn(query.metric().dimensions()))
					.mapToInt(Requests::count)
					.sum();
				// A series nothing was written to has no datapoint, not a zero.
				values.put(query.id(), (count > 0) ? (double) count : null);
			}
		}
		List<MetricQuery> returned = queries.stream().filter(MetricQuery::returned).toList();
		assertThat(returned).hasSize(1);
		assertThat(properties.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
		Double value = MetricMath.evaluate(returned.get(0).expression(), values);
		return value != null && value > threshold(alarm);
	}

	/**
	 * Requests of a minute that ended alike, with the 401's reason or the caller's tier where the function knows it.
	 */
	private record Requests(int count, String outcome, String reason, String tier) {

		/**
		 * Whether these requests are counted in the series of the given dimensions: the function writes each request
		 * under no dimensions, under its outcome, under its outcome and reason (401s) and under its outcome and tier
		 * (known callers).
		 */
		boolean countIn(Map<String, String> dimensions) {
			List<Map<String, String>> written = new ArrayList<>(List.of(Map.of(), Map.of("outcome", this.outcome)));
			if (this.reason != null) {
				written.add(Map.of("outcome", this.outcome, "reason", this.reason));
			}
			if (this.tier != null) {
				written.add(Map.of("outcome", this.outcome, "tier", this.tier));
			}
			return written.contains(dimensions);
		}

	}

	private static Requests refusedToken(int count, String reason) {
		return new Requests(count, "unauthenticated", reason, null);
	}

	private static Requests known(int count, String outcome) {
		return new Requests(count, outcome, null, "default");
	}

	private static Requests anonymous(int count, String outcome) {
		return new Requests(count, outcome, null, null);
	}

	/**
	 * The namespace the API function writes its metrics to, as {@link DeploymentTemplate#text(Object)} reads it.
	 */
	private String functionNamespace() {
		return this.template.text(map(map(this.template.properties("ApiFunction").get("Environment"))
			.get("Variables")).get("BULWARK_CLOUDWATCH_NAMESPACE"));
	}

	private double threshold(String alarm) {
		return ((Number) this.template.properties(alarm).get("Threshold")).doubleValue();
	}

	private Set<String> dimensionValues(String alarm, String dimension) {
		return this.template.alarmQueries(alarm)
			.stream()
			.map(MetricQuery::metric)
			.filter(metric -> metric != null && metric.dimensions().containsKey(dimension))
			.map(metric -> metric.dimensions().get(dimension))
			.collect(Collectors.toSet());
	}

	private List<Map<String, Object>> dashboardWidgets() {
		return list(this.template.dashboard("Dashboard").get("widgets")).stream().map(DeploymentTemplate::map).toList();
	}

	private List<Map<String, Object>> dashboardGraphs() {
		return dashboardWidgets().stream()
			.filter(widget -> "metric".equals(widget.get("type")))
			.map(widget -> map(widget.get("properties")))
			.toList();
	}

	/**
	 * The Prometheus alerting rules of {@code monitoring/prometheus/alerts.yml}, by alert name.
	 */
	private static Map<String, Map<String, Object>> prometheusRules() {
		try (Reader reader = Files.newBufferedReader(Path.of("monitoring", "prometheus", "alerts.yml"))) {
			Map<String, Object> file = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
			Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
			list(file.get("groups")).forEach(group -> list(map(group).get("rules"))
				.forEach(rule -> rules.put((String) map(rule).get("alert"), map(rule))));
			return rules;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private double prometheusThreshold(String rule) {
		Matcher matcher = Pattern.compile(">\\s*([0-9.]+)\\s*$").matcher(this.rules.get(rule).get("expr").toString());
		assertThat(matcher.find()).as(rule).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	private int prometheusDurationSeconds(String rule) {
		String duration = this.rules.get(rule).get("for").toString();
		assertThat(duration).as(rule).matches("\\d+m");
		return 60 * Integer.parseInt(duration.substring(0, duration.length() - 1));
	}

	private static Set<String> labelValues(String expression, String label) {
		Matcher matcher = Pattern.compile("\\b" + label + "(?:=|!=|=~|!~)\"([^\"]+)\"").matcher(expression);
		return matcher.results().flatMap(match -> Arrays.stream(match.group(1).split("\\|"))).collect(Collectors.toSet());
	}

	private static Object referenced(Object reference) {
		return map(reference).get("Ref");
	}

}
