package dev.bulwark.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.DeploymentTemplate;
import dev.bulwark.support.OpenApiContract;
import dev.bulwark.support.TestJson;

import static dev.bulwark.support.DeploymentTemplate.list;
import static dev.bulwark.support.DeploymentTemplate.map;
import static dev.bulwark.support.DeploymentTemplate.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The two edges {@code template.yaml} offers (parameter {@code Edge}): only the chosen one is deployed, and the REST
 * API's validation, API keys, usage plans, resource policy, WAF and refusals are what the OpenAPI document and
 * {@code application.yml} say: its paths and models are generated from the document here, and must be in the
 * template as generated.
 */
class ApiGatewayEdgeTests {

	private static final Map<String, String> HTTP_API = Map.of();

	private static final Map<String, String> REST_API = Map.of("Edge", "rest-api");

	private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	/**
	 * What the request schemas may use: keywords that JSON Schema draft 4 (API Gateway's models) and the OpenAPI
	 * document's 2020-12 mean alike. Not, say, {@code exclusiveMinimum} (a flag in draft 4, a number since) or
	 * {@code const} (not in draft 4: it would be ignored, and let anything through).
	 */
	private static final Set<String> DRAFT_4_KEYWORDS_OF_THE_SAME_MEANING = Set.of("$ref", "type", "enum",
			"properties", "additionalProperties", "required", "items", "minItems", "maxItems", "minLength", "maxLength",
			"pattern", "minimum", "maximum", "description");

	private static final String ANY_METHOD = "x-amazon-apigateway-any-method";

	private static final String VALIDATOR = "x-amazon-apigateway-request-validator";

	private static final String INTEGRATION = "x-amazon-apigateway-integration";

	private final DeploymentTemplate template = DeploymentTemplate.load();

	private final Map<String, Object> document = load(OpenApiContract.RESOURCE);

	private final Map<String, Object> definition = map(this.template.properties("RestApi").get("DefinitionBody"));

	@Test
	void eachEdgeIsDeployedAloneSoThatNothingGoesAroundIt() {
		Map<String, Map<String, Object>> httpApi = this.template.deployedResources(HTTP_API);
		Map<String, Map<String, Object>> restApi = this.template.deployedResources(REST_API);

		assertThat(types(httpApi)).contains("AWS::ApiGatewayV2::Api")
			.doesNotContain("AWS::Serverless::Api", "AWS::ApiGateway::UsagePlan", "AWS::WAFv2::WebACL");
		assertThat(types(restApi)).contains("AWS::Serverless::Api", "AWS::ApiGateway::UsagePlan")
			.noneMatch(type -> type.startsWith("AWS::ApiGatewayV2::"));
		for (Map<String, Map<String, Object>> edge : List.of(httpApi, restApi)) {
			assertThat(edge.values()).filteredOn(resource -> "AWS::Lambda::Permission".equals(resource.get("Type")))
				.singleElement()
				.satisfies(permission -> assertThat(map(permission.get("Properties")))
					.containsEntry("FunctionName", ref("ApiFunction.Alias"))
					.containsEntry("Principal", "apigateway.amazonaws.com"));
			assertThat(this.template.resources("AWS::Serverless::Function").values())
				.allSatisfy(function -> assertThat(map(map(function.get("Properties")).get("Events")).values())
					.allSatisfy(event -> assertThat(map(event).get("Type")).isEqualTo("Schedule")));
		}
		assertThat(this.template.text(this.template.properties("RestApiPermission").get("SourceArn")))
			.isEqualTo("arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<RestApi>/*");
		assertThat(map(this.template.section("Parameters").get("Edge"))).containsEntry("Default", "http-api")
			.containsEntry("AllowedValues", List.of("http-api", "rest-api"));
	}

	/**
	 * Every combination of the parameters that shape the stack, that the template's rules let through, deploys
	 * resources and outputs that refer only to what that combination deploys (CloudFormation refuses a reference to
	 * a resource whose condition does not hold), and deploys exactly one edge.
	 */
	@Test
	void everyAllowedCombinationOfParametersRefersOnlyToWhatItDeploys() {
		Map<String, List<String>> choices = new LinkedHashMap<>();
		choices.put("Edge", List.of("http-api", "rest-api"));
		choices.put("WebAcl", List.of("off", "on"));
		choices.put("AllowedSourceCidrs", List.of("", "203.0.113.0/24"));
		choices.put("AllowedVpcEndpoints", List.of("", "vpce-0a1b2c3d"));
		choices.put("CorsAllowedOrigins", List.of("", "https://shop.example"));
		choices.put("CustomDomainName", List.of("", "api.example.com"));
		choices.put("ApiGatewayLogsRole", List.of("existing", "create"));
		choices.put("AlarmEmail", List.of("", "ops@example.com"));
		choices.put("AdminNetworks", List.of("", "192.0.2.0/24"));
		choices.put("HttpApiJwtAuthorizer", List.of("on", "off"));
		List<Map<String, String>> combinations = new ArrayList<>(List.of(Map.of()));
		for (Map.Entry<String, List<String>> choice : choices.entrySet()) {
			List<Map<String, String>> next = new ArrayList<>();
			for (Map<String, String> combination : combinations) {
				for (String value : choice.getValue()) {
					Map<String, String> extended = new HashMap<>(combination);
					extended.put(choice.getKey(), value);
					next.add(extended);
				}
			}
			combinations.clear();
			combinations.addAll(next);
		}

		int allowed = 0;
		for (Map<String, String> parameters : combinations) {
			if (this.template.brokenRules(parameters).isEmpty()) {
				allowed++;
				assertReferencesOnlyWhatIsDeployed(parameters);
			}
		}
		assertThat(combinations).hasSize(1024);
		assertThat(allowed).as("combinations the rules let through").isBetween(200, 1023);
	}

	/**
	 * The HTTP API's JWT authorizer reads bearer tokens only, so a DPoP client could never get past it. Without it,
	 * the HTTP API routes exactly the document's paths to the function, none with an authorizer, and nothing else:
	 * no catch-all, so another path is the gateway's 404 and costs no invocation. With it (the default), one
	 * catch-all route behind the authorizer, and no per-path route that would go around it.
	 */
	@Test
	void forDPoPClientsTheHttpApiRoutesOnlyTheDocumentedPathsWithoutItsJwtAuthorizer() {
		Map<String, Map<String, Object>> forDPoP = this.template
			.deployedResources(Map.of("HttpApiJwtAuthorizer", "off"));
		Set<String> documented = new HashSet<>();
		map(this.document.get("paths")).forEach((path, item) -> {
			Map<String, Object> get = map(map(item).get("get"));
			boolean isPublic = map(item).size() == 1 && List.of(Map.of()).equals(get.get("security"));
			documented.add((isPublic ? "GET " : "ANY ") + path);
		});

		assertThat(types(forDPoP)).doesNotContain("AWS::ApiGatewayV2::Authorizer");
		assertThat(httpApiRoutes(forDPoP)).allSatisfy(route -> assertThat(route).containsEntry("AuthorizationType", "NONE")
			.doesNotContainKey("AuthorizerId"))
			.extracting(route -> route.get("RouteKey").toString())
			.containsExactlyInAnyOrderElementsOf(documented);
		assertThat(httpApiRoutes(this.template.deployedResources(HTTP_API)))
			.filteredOn(route -> !"NONE".equals(route.get("AuthorizationType")))
			.singleElement()
			.satisfies(route -> assertThat(route).containsEntry("RouteKey", "ANY /{proxy+}")
				.containsEntry("AuthorizationType", "JWT")
				.containsEntry("AuthorizerId", ref("HttpApiKeycloakAuthorizer")));
		assertThat(map(this.template.section("Parameters").get("HttpApiJwtAuthorizer"))).containsEntry("Default", "on");
	}

	private static List<Map<String, Object>> httpApiRoutes(Map<String, Map<String, Object>> deployed) {
		return deployed.values().stream()
			.filter(resource -> "AWS::ApiGatewayV2::Route".equals(resource.get("Type")))
			.map(resource -> map(resource.get("Properties")))
			.toList();
	}

	private void assertReferencesOnlyWhatIsDeployed(Map<String, String> parameters) {
		Map<String, Map<String, Object>> deployed = this.template.deployedResources(parameters);
		Set<String> known = new HashSet<>(deployed.keySet());
		known.addAll(this.template.section("Parameters").keySet());
		known.addAll(List.of("AWS::AccountId", "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackName",
				"AWS::URLSuffix"));
		deployed.forEach((id, resource) -> {
			Set<String> referenced = this.template.references(Map.of("Properties",
					resource.getOrDefault("Properties", Map.of()), "Metadata", resource.getOrDefault("Metadata", Map.of())),
					parameters);
			list(resource.get("DependsOn")).forEach(dependency -> referenced.add(dependency.toString()));
			assertThat(known).as("what %s refers to, with %s", id, parameters).containsAll(referenced);
		});
		this.template.section("Outputs").forEach((name, output) -> {
			Object condition = map(output).get("Condition");
			if (condition == null || this.template.condition(condition.toString(), parameters)) {
				assertThat(known).as("what output %s refers to, with %s", name, parameters)
					.containsAll(this.template.references(map(output).get("Value"), parameters));
			}
		});
		assertThat(types(deployed).contains("AWS::ApiGatewayV2::Api")).as("exactly one edge, with %s", parameters)
			.isNotEqualTo(types(deployed).contains("AWS::Serverless::Api"));
	}

	@Test
	void requestValidatorsCheckBodiesAndRequiredParameters() {
		Map<String, Object> validators = map(this.definition.get("x-amazon-apigateway-request-validators"));

		assertThat(validators).containsOnly(
				Map.entry("body-and-params", Map.of("validateRequestBody", true, "validateRequestParameters", true)),
				Map.entry("params-only", Map.of("validateRequestBody", false, "validateRequestParameters", true)));
		assertThat(this.template.properties("RestApi")).containsEntry("FailOnWarnings", true);
	}

	/**
	 * The REST API's paths are what the document generates, exactly: every operation a method with the document's
	 * parameters, body and validation and an API key unless the document says it is public, every path's other
	 * methods going on to the function, nothing else. A failure prints the generated paths, to paste into
	 * {@code template.yaml}.
	 */
	@Test
	void restApiPathsAreTheOnesTheDocumentGenerates() {
		Map<String, Object> generated = generatedPaths();

		assertThat(map(this.definition.get("paths")))
			.as("the REST API's paths in template.yaml; generated from the document, they read:%n%s", yaml(generated))
			.isEqualTo(generated);
	}

	private Map<String, Object> generatedPaths() {
		List<Map<String, List<Object>>> apiKey = List.of(Map.of("api_key", List.of()));
		Map<String, Object> invokeFunction = new LinkedHashMap<>();
		invokeFunction.put("type", "aws_proxy");
		invokeFunction.put("httpMethod", "POST");
		invokeFunction.put("uri", Map.of("Fn::Sub",
				"arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ApiFunction.Alias}/invocations"));
		Map<String, Object> paths = new LinkedHashMap<>();
		map(this.document.get("paths")).forEach((path, item) -> {
			Map<String, Object> methods = new LinkedHashMap<>();
			if (map(item).containsKey("parameters")) {
				methods.put("parameters", gatewayParameters(map(item).get("parameters")));
			}
			map(item).forEach((name, each) -> {
				if (HTTP_METHODS.contains(name)) {
					Map<String, Object> operation = map(each);
					Map<String, Object> method = new LinkedHashMap<>();
					method.put("operationId", operation.get("operationId"));
					method.put("security", List.of(Map.of()).equals(operation.get("security")) ? List.of() : apiKey);
					if (operation.containsKey("parameters")) {
						method.put("parameters", gatewayParameters(operation.get("parameters")));
					}
					if (operation.containsKey("requestBody")) {
						method.put("requestBody", operation.get("requestBody"));
					}
					method.put(VALIDATOR, operation.containsKey("requestBody") ? "body-and-params" : "params-only");
					method.put(INTEGRATION, invokeFunction);
					methods.put(name, method);
				}
			});
			Map<String, Object> any = new LinkedHashMap<>();
			any.put("security", apiKey);
			any.put(VALIDATOR, "params-only");
			any.put(INTEGRATION, invokeFunction);
			methods.put(ANY_METHOD, any);
			paths.put(path, methods);
		});
		return paths;
	}

	/**
	 * Parameters as the REST API declares them: where, name, whether required; API Gateway checks only that a
	 * required one is there (the function checks the rest).
	 */
	private List<Object> gatewayParameters(Object parameters) {
		return list(parameters).stream().map(parameter -> {
			Map<String, Object> resolved = map(parameter);
			if (resolved.containsKey("$ref")) {
				String name = resolved.get("$ref").toString().substring("#/components/parameters/".length());
				resolved = map(map(map(this.document.get("components")).get("parameters")).get(name));
			}
			Map<String, Object> declared = new LinkedHashMap<>();
			declared.put("name", resolved.get("name"));
			declared.put("in", resolved.get("in"));
			declared.put("required", Boolean.TRUE.equals(resolved.get("required")));
			declared.put("schema", Map.of("type", "string"));
			return (Object) declared;
		}).toList();
	}

	private static String yaml(Object value) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setWidth(200);
		// CloudFormation takes no YAML aliases: every repeated part written out.
		options.setDereferenceAliases(true);
		return new Yaml(options).dump(value);
	}

	@Test
	void restApiModelsAreTheDocumentsRequestSchemas() {
		Map<String, Object> schemas = map(map(this.document.get("components")).get("schemas"));
		Set<String> requestSchemas = new LinkedHashSet<>();
		operations(this.document).values()
			.forEach(operation -> collectReferences(map(operation.get("requestBody")), schemas, requestSchemas));

		Map<String, Object> models = map(map(this.definition.get("components")).get("schemas"));

		assertThat(requestSchemas).isNotEmpty();
		assertThat(models.keySet()).as("the models of the REST API, in template.yaml")
			.containsExactlyInAnyOrderElementsOf(requestSchemas);
		requestSchemas.forEach(name -> assertThat(models.get(name))
			.as("template.yaml's model %s, which must be the document's schema as it stands:%n%s", name,
					yaml(schemas.get(name)))
			.isEqualTo(schemas.get(name)));
		Set<String> keywords = new HashSet<>();
		models.values().forEach(model -> collectKeywords(model, keywords));
		assertThat(keywords).as("keywords that JSON Schema draft 4, as API Gateway reads models, means as the "
				+ "document does").isSubsetOf(DRAFT_4_KEYWORDS_OF_THE_SAME_MEANING);
	}

	/**
	 * The keywords of a schema, those of the schemas inside it included (properties are names, not keywords).
	 */
	private static void collectKeywords(Object schema, Set<String> keywords) {
		if (schema instanceof Map<?, ?> object) {
			object.forEach((keyword, value) -> {
				keywords.add(keyword.toString());
				if ("properties".equals(keyword)) {
					map(value).values().forEach(property -> collectKeywords(property, keywords));
				}
				else if (value instanceof Map<?, ?>) {
					collectKeywords(value, keywords);
				}
			});
		}
	}

	@Test
	void everyRestApiMethodInvokesTheLiveAliasByProxy() {
		operations(this.document).keySet()
			.forEach(operation -> assertThat(restApiMethod(operation).get(INTEGRATION)).as(operation)
				.isEqualTo(functionIntegration()));
		assertThat(map(functionIntegration())).containsEntry("type", "aws_proxy").containsEntry("httpMethod", "POST");
		assertThat(this.template.text(map(functionIntegration()).get("uri"))).isEqualTo(
				"arn:<AWS::Partition>:apigateway:<AWS::Region>:lambda:path/2015-03-31/functions/<ApiFunction.Alias>/invocations");
	}

	@Test
	void everyMethodButTheDocumentsPublicOnesNeedsAnApiKey() {
		Map<String, Object> apiKey = map(map(map(this.definition.get("components")).get("securitySchemes"))
			.get("api_key"));

		assertThat(apiKey).containsOnly(Map.entry("type", "apiKey"), Map.entry("name", "x-api-key"),
				Map.entry("in", "header"));
		assertThat(this.definition.get("x-amazon-apigateway-api-key-source")).isEqualTo("HEADER");
		operations(this.document).forEach((operation, documented) -> {
			boolean isPublic = List.of(Map.of()).equals(documented.get("security"));
			assertThat(restApiMethod(operation).get("security")).as(operation)
				.isEqualTo(isPublic ? List.of() : List.of(Map.of("api_key", List.of())));
		});
		assertThat(operations(this.document).entrySet().stream()
			.filter(operation -> List.of(Map.of()).equals(operation.getValue().get("security")))
			.map(Map.Entry::getKey))
			.containsExactlyInAnyOrder("GET /actuator/health", "GET /.well-known/oauth-protected-resource");
	}

	@Test
	void usagePlansAreTheRateLimitTiersOfApplicationYml() {
		Map<String, Object> rateLimit = map(map(load("application.yml").get("bulwark")).get("rate-limit"));
		Map<String, Object> tiers = map(rateLimit.get("tiers"));
		Map<String, Map<String, Object>> plans = this.template.resources("AWS::ApiGateway::UsagePlan");

		Map<String, Map<String, Object>> planOfTier = new HashMap<>();
		plans.values().forEach(plan -> {
			String name = this.template.text(map(plan.get("Properties")).get("UsagePlanName"));
			planOfTier.put(name.substring(name.lastIndexOf('-') + 1), map(plan.get("Properties")));
		});
		assertThat(planOfTier.keySet()).isEqualTo(tiers.keySet());
		tiers.forEach((tier, limit) -> {
			Map<String, Object> plan = planOfTier.get(tier);
			assertBucket(tier, map(plan.get("Throttle")), map(limit));
			Map<String, Object> stage = map(list(plan.get("ApiStages")).get(0));
			assertThat(list(plan.get("ApiStages"))).as(tier).hasSize(1);
			assertThat(stage).as(tier).containsEntry("ApiId", ref("RestApi")).containsEntry("Stage", ref("RestApi.Stage"));

			Map<String, Object> routeLimits = new LinkedHashMap<>();
			list(rateLimit.get("routes")).stream().map(DeploymentTemplate::map)
				.filter(route -> map(route.get("tiers")).containsKey(tier))
				.forEach(route -> routeLimits.put(route.get("path") + "/" + route.get("method"),
						map(route.get("tiers")).get(tier)));
			assertThat(map(stage.get("Throttle")).keySet()).as(tier).isEqualTo(routeLimits.keySet());
			routeLimits.forEach((route, routeLimit) -> assertBucket(tier + " " + route,
					map(map(stage.get("Throttle")).get(route)), map(routeLimit)));
		});
	}

	/**
	 * A usage plan's token bucket holds the tier's limit and refills it over the tier's period.
	 */
	private static void assertBucket(String what, Map<String, Object> throttle, Map<String, Object> limit) {
		int allowed = (Integer) limit.get("limit");
		Duration period = DurationStyle.detectAndParse(limit.get("period").toString());
		double ratePerSecond = ((Number) throttle.get("RateLimit")).doubleValue();

		assertThat(throttle.get("BurstLimit")).as(what).isEqualTo(allowed);
		assertThat(ratePerSecond * period.toSeconds()).as(what).isCloseTo(allowed, within(allowed * 0.001));
	}

	@Test
	void resourcePolicyDeniesEveryAddressAndEndpointNotGiven() {
		String allowAll = "Allow execute-api:Invoke";
		assertThat(policy(Map.of())).containsExactly(allowAll);
		assertThat(policy(Map.of("AllowedSourceCidrs", "203.0.113.0/24,2001:db8::/32"))).containsExactly(allowAll,
				"Deny execute-api:Invoke unless NotIpAddress aws:SourceIp [203.0.113.0/24, 2001:db8::/32]");
		assertThat(policy(Map.of("AllowedVpcEndpoints", "vpce-0a1b2c3d"))).containsExactly(allowAll,
				"Deny execute-api:Invoke unless StringNotEquals aws:SourceVpce [vpce-0a1b2c3d]");
		assertThat(policy(Map.of("AllowedSourceCidrs", "10.1.0.0/16", "AllowedVpcEndpoints", "vpce-0a1b2c3d,vpce-9f")))
			.containsExactly(allowAll, "Deny execute-api:Invoke unless NotIpAddress aws:VpcSourceIp [10.1.0.0/16]",
					"Deny execute-api:Invoke unless StringNotEquals aws:SourceVpce [vpce-0a1b2c3d, vpce-9f]");
	}

	/**
	 * The REST API's resource policy for the given parameter values, a line per statement: effect, action, and the
	 * condition under which it applies, with the parameter's list as CloudFormation splits it.
	 */
	private List<String> policy(Map<String, String> given) {
		Map<String, String> parameters = new HashMap<>(REST_API);
		parameters.putAll(given);
		Map<String, Object> policy = map(this.template.resolved(this.definition.get("x-amazon-apigateway-policy"),
				parameters));
		return list(policy.get("Statement")).stream().map(DeploymentTemplate::map).map(statement -> {
			assertThat(statement).containsEntry("Principal", "*").containsEntry("Resource", "execute-api:/*");
			String line = statement.get("Effect") + " " + statement.get("Action");
			for (Map.Entry<String, Object> operator : map(statement.get("Condition")).entrySet()) {
				for (Map.Entry<String, Object> key : map(operator.getValue()).entrySet()) {
					line += " unless " + operator.getKey() + " " + key.getKey() + " " + split(key.getValue(), given);
				}
			}
			return line;
		}).toList();
	}

	/**
	 * {@code !Split [",", !Ref Parameter]} with the parameter's given value.
	 */
	private static List<String> split(Object value, Map<String, String> parameters) {
		List<Object> split = list(map(value).get("Fn::Split"));
		assertThat(split.get(0)).isEqualTo(",");
		return List.of(parameters.get(map(split.get(1)).get("Ref").toString()).split(","));
	}

	@Test
	void aPrivateApiIsReachableOnlyThroughTheGivenVpcEndpoints() {
		Map<String, String> privateApi = Map.of("Edge", "rest-api", "AllowedVpcEndpoints", "vpce-0a1b2c3d");

		assertThat(this.template.resolved(this.template.properties("RestApi").get("EndpointConfiguration"), REST_API))
			.isEqualTo(Map.of("Type", "REGIONAL"));
		assertThat(map(this.template.resolved(this.template.properties("RestApi").get("EndpointConfiguration"),
				privateApi)))
			.containsEntry("Type", "PRIVATE")
			.containsEntry("VPCEndpointIds", Map.of("Fn::Split", List.of(",", ref("AllowedVpcEndpoints"))));
	}

	@Test
	void combinationsThatCannotWorkAreRefusedBeforeAnythingIsDeployed() {
		assertThat(this.template.brokenRules(HTTP_API)).isEmpty();
		assertThat(this.template.brokenRules(Map.of("Edge", "rest-api", "WebAcl", "on", "AllowedSourceCidrs",
				"203.0.113.0/24", "AllowedVpcEndpoints", "vpce-0a1b2c3d"))).isEmpty();
		assertThat(this.template.brokenRules(Map.of("CorsAllowedOrigins", "https://shop.example"))).isEmpty();

		assertThat(this.template.brokenRules(Map.of("WebAcl", "on"))).containsExactly("RestApiOnlyFeatures");
		assertThat(this.template.brokenRules(Map.of("AllowedSourceCidrs", "203.0.113.0/24")))
			.containsExactly("RestApiOnlyFeatures");
		assertThat(this.template.brokenRules(Map.of("AllowedVpcEndpoints", "vpce-0a1b2c3d")))
			.containsExactly("RestApiOnlyFeatures");
		assertThat(this.template.brokenRules(Map.of("Edge", "rest-api", "CorsAllowedOrigins", "https://shop.example")))
			.containsExactly("CorsOnlyOnTheHttpApi");
		assertThat(this.template.brokenRules(Map.of("Edge", "rest-api", "AllowedVpcEndpoints", "vpce-0a1b2c3d",
				"CustomDomainName", "api.example.com"))).containsExactly("PrivateApiWithoutCustomDomain");
	}

	@Test
	void webAclGuardsTheRestApiOnlyWhenAskedFor() {
		Map<String, String> withWebAcl = Map.of("Edge", "rest-api", "WebAcl", "on");
		Map<String, Object> acl = this.template.properties("WebAcl");
		List<Map<String, Object>> rules = list(acl.get("Rules")).stream().map(DeploymentTemplate::map).toList();

		assertThat(this.template.deployedResources(REST_API)).doesNotContainKeys("WebAcl", "WebAclAssociation");
		assertThat(this.template.deployedResources(withWebAcl)).containsKeys("WebAcl", "WebAclAssociation");
		assertThat(acl).containsEntry("Scope", "REGIONAL").containsEntry("DefaultAction", Map.of("Allow", Map.of()));
		assertThat(rules).extracting(rule -> map(map(rule.get("Statement")).get("ManagedRuleGroupStatement")))
			.filteredOn(group -> !group.isEmpty())
			.containsExactlyInAnyOrder(Map.of("VendorName", "AWS", "Name", "AWSManagedRulesCommonRuleSet"),
					Map.of("VendorName", "AWS", "Name", "AWSManagedRulesKnownBadInputsRuleSet"));
		assertThat(rules).filteredOn(rule -> map(rule.get("Statement")).containsKey("RateBasedStatement"))
			.singleElement()
			.satisfies(rule -> {
				assertThat(map(map(rule.get("Statement")).get("RateBasedStatement")))
					.containsEntry("AggregateKeyType", "IP")
					.containsEntry("Limit", ref("WebAclRequestsPerAddress"));
				assertThat(map(map(map(rule.get("Action")).get("Block")).get("CustomResponse")))
					.containsEntry("ResponseCode", 429);
			});
		assertThat(rules).extracting(rule -> rule.get("Priority")).doesNotHaveDuplicates();
		assertThat(this.template.text(this.template.properties("WebAclAssociation").get("ResourceArn")))
			.isEqualTo("arn:<AWS::Partition>:apigateway:<AWS::Region>::/restapis/<RestApi>/stages/<RestApi.Stage>");
	}

	@Test
	void theGatewaysOwnRefusalsAreProblemsThatSayNoMore() {
		Map<String, Object> responses = map(this.definition.get("x-amazon-apigateway-gateway-responses"));
		Map<String, Object> problem = map(map(map(this.document.get("components")).get("schemas")).get("Problem"));

		assertThat(responses).containsKeys("BAD_REQUEST_BODY", "BAD_REQUEST_PARAMETERS", "INVALID_API_KEY",
				"ACCESS_DENIED", "WAF_FILTERED", "MISSING_AUTHENTICATION_TOKEN", "THROTTLED", "QUOTA_EXCEEDED",
				"REQUEST_TOO_LARGE", "DEFAULT_4XX", "DEFAULT_5XX");
		responses.forEach((type, each) -> {
			Map<String, Object> response = map(each);
			Map<String, Object> headers = map(response.get("responseParameters"));
			JsonNode body = TestJson.MAPPER.readTree(map(response.get("responseTemplates")).get("application/json")
				.toString());

			assertThat(headers).as(type)
				.containsEntry("gatewayresponse.header.Content-Type", "'application/problem+json'")
				.containsEntry("gatewayresponse.header.Cache-Control", "'no-store'")
				.containsEntry("gatewayresponse.header.X-Request-Id", "context.requestId");
			assertThat(body.get("status").asInt()).as(type)
				.isEqualTo(Integer.parseInt(response.get("statusCode").toString()));
			assertThat(body.get("title").asString()).as(type).isNotBlank();
			assertThat(body.propertyNames()).as(type).isSubsetOf(map(problem.get("properties")).keySet());
			assertThat(body.toString()).as(type).doesNotContain("$");
			if (body.get("status").asInt() == 429) {
				assertThat(headers).as(type).containsKey("gatewayresponse.header.Retry-After");
			}
		});
	}

	@Test
	void nothingIsCachedAtTheEdge() {
		Map<String, Object> restApi = this.template.properties("RestApi");

		assertThat(restApi).containsEntry("CacheClusterEnabled", false);
		assertThat(list(restApi.get("MethodSettings"))).allSatisfy(settings -> assertThat(map(settings))
			.containsEntry("CachingEnabled", false)
			.containsEntry("DataTraceEnabled", false));
	}

	@Test
	void aCustomDomainIsMappedToTheChosenEdgeAndTheExecuteApiUrlSwitchedOff() {
		Map<String, String> domain = Map.of("CustomDomainName", "api.example.com", "CustomDomainCertificateArn",
				"arn:aws:acm:eu-west-1:123456789012:certificate/1");

		assertThat(this.template.deployedResources(domain)).containsKeys("HttpApiDomain", "HttpApiMapping")
			.doesNotContainKeys("RestApiDomain", "RestApiMapping");
		Map<String, String> restDomain = new HashMap<>(domain);
		restDomain.putAll(REST_API);
		assertThat(this.template.deployedResources(restDomain)).containsKeys("RestApiDomain", "RestApiMapping")
			.doesNotContainKeys("HttpApiDomain", "HttpApiMapping");
		assertThat(this.template.properties("RestApiDomain")).containsEntry("SecurityPolicy", "TLS_1_2");
		assertThat(this.template.properties("RestApiMapping")).containsEntry("Stage", ref("RestApi.Stage"));
		for (String api : List.of("HttpApi", "RestApi")) {
			assertThat(this.template.resolved(this.template.properties(api).get("DisableExecuteApiEndpoint"), domain))
				.as(api).isEqualTo(true);
			assertThat(this.template.resolved(this.template.properties(api).get("DisableExecuteApiEndpoint"), HTTP_API))
				.as(api).isEqualTo(false);
		}
	}

	@Test
	void apiUrlNamesTheChosenEdge() {
		Object url = map(map(this.template.section("Outputs").get("ApiUrl"))).get("Value");

		assertThat(this.template.text(this.template.resolved(url, HTTP_API)))
			.isEqualTo("https://<HttpApi>.execute-api.<AWS::Region>.<AWS::URLSuffix>");
		assertThat(this.template.text(this.template.resolved(url, REST_API)))
			.isEqualTo("https://<RestApi>.execute-api.<AWS::Region>.<AWS::URLSuffix>/<RestApi.Stage>");
	}

	@Test
	void theAccountsLoggingRoleIsCreatedOnlyWhenAskedForAndGrantsOnlyLogging() {
		Map<String, String> create = Map.of("Edge", "rest-api", "ApiGatewayLogsRole", "create");

		assertThat(this.template.deployedResources(REST_API)).doesNotContainKeys("ApiGatewayLogsRole",
				"ApiGatewayAccount");
		assertThat(this.template.deployedResources(create)).containsKeys("ApiGatewayLogsRole", "ApiGatewayAccount");
		assertThat(this.template.properties("ApiGatewayLogsRole")).doesNotContainKey("Policies");
		assertThat(list(this.template.properties("ApiGatewayLogsRole").get("ManagedPolicyArns")))
			.extracting(this.template::text)
			.containsExactly(
					"arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs");
		assertThat(map(this.template.resolved(map(this.template.section("Resources").get("ApiGatewayLogsRoleReady"))
			.get("Metadata"), create))).containsEntry("Account", ref("ApiGatewayAccount"));
	}

	/**
	 * Every operation of an OpenAPI document ({@code METHOD /path}, upper case) to its object.
	 */
	private static Map<String, Map<String, Object>> operations(Map<String, Object> document) {
		Map<String, Map<String, Object>> operations = new LinkedHashMap<>();
		map(document.get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
			if (HTTP_METHODS.contains(method)) {
				operations.put(method.toUpperCase() + " " + path, map(operation));
			}
		}));
		return operations;
	}

	private Map<String, Object> restApiMethod(String operation) {
		String[] methodAndPath = operation.split(" ", 2);
		Map<String, Object> method = map(map(map(this.definition.get("paths")).get(methodAndPath[1]))
			.get(methodAndPath[0].toLowerCase()));
		assertThat(method).as("the REST API's method for " + operation).isNotEmpty();
		return method;
	}

	/**
	 * The names of the schemas a part of the document refers to, and those they refer to in turn.
	 */
	private static void collectReferences(Object part, Map<String, Object> schemas, Set<String> names) {
		if (part instanceof Map<?, ?> object) {
			if (object.get("$ref") instanceof String reference) {
				String name = reference.substring("#/components/schemas/".length());
				if (names.add(name)) {
					collectReferences(schemas.get(name), schemas, names);
				}
			}
			object.values().forEach(value -> collectReferences(value, schemas, names));
		}
		else if (part instanceof List<?> items) {
			items.forEach(item -> collectReferences(item, schemas, names));
		}
	}

	private Object functionIntegration() {
		return map(map(map(this.definition.get("paths")).get("/orders")).get("post")).get(INTEGRATION);
	}

	private static Set<String> types(Map<String, Map<String, Object>> resources) {
		Set<String> types = new HashSet<>();
		resources.values().forEach(resource -> types.add(resource.get("Type").toString()));
		return types;
	}

	private static Map<String, Object> load(String resource) {
		try (InputStream in = ApiGatewayEdgeTests.class.getClassLoader().getResourceAsStream(resource)) {
			return map(new Yaml().load(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
