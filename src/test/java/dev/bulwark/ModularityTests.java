package dev.bulwark;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The package layout is a design, checked here: each top-level package is a module, modules use only each
 * other's top-level public types, and no module depends on itself through others.
 */
class ModularityTests {

	private static final ApplicationModules modules = ApplicationModules.of(BulwarkApplication.class);

	@Test
	void modulesHaveNoCyclesAndUseOnlyPublishedTypes() {
		modules.verify();
	}

	/**
	 * The DynamoDB client is an SDK type, which the module model cannot see; the tables a feature declares with
	 * {@code TableDefinition} are what make its use of the {@code dynamodb} module a dependency, checked like any
	 * other.
	 */
	@Test
	void featuresStoringInDynamoDbDependOnTheInfrastructureModuleWhichKnowsNoFeature() {
		assertThat(directDependencies("dynamodb")).containsOnly("web");
		assertThat(directDependencies("order")).contains("dynamodb");
		assertThat(directDependencies("ratelimit")).contains("dynamodb").doesNotContain("order");
	}

	/**
	 * The order rules raise plain exceptions and the HTTP edge decides what they mean as a response; an order type
	 * that reaches for the web module (for a problem body, say) would put HTTP back into the domain.
	 */
	@Test
	void orderModuleDoesNotDependOnTheWebModule() {
		ApplicationModule order = modules.getModuleByName("order").orElseThrow();

		assertThat(order.getDependencies(modules).stream())
			.filteredOn(dependency -> dependency.getTargetModule().getName().equals("web"))
			.map(dependency -> dependency.getSourceType().getName() + " -> " + dependency.getTargetType().getName())
			.isEmpty();
	}

	/**
	 * The dependencies the package documentation of {@code dev.bulwark} draws, and no others: the security layer
	 * is what every feature builds on (features plug their filters into its chain and read its {@code Caller}),
	 * and {@code web} and {@code dynamodb} know no feature.
	 */
	@Test
	void modulesDependOnEachOtherAsDocumented() {
		Map<String, List<String>> dependencies = new TreeMap<>();
		modules.forEach(module -> dependencies.put(module.getName(),
				directDependencies(module.getName()).stream().sorted().toList()));

		assertThat(dependencies).isEqualTo(Map.of(
				"api", List.of("order", "security", "web"),
				"audit", List.of("order", "security", "web"),
				"dynamodb", List.of("web"),
				"lambda", List.of("audit", "ratelimit", "security", "web"),
				"order", List.of("dynamodb", "security"),
				"ratelimit", List.of("dynamodb", "security", "web"),
				"security", List.of("dynamodb", "web"),
				"web", List.of()));
	}

	private static List<String> directDependencies(String module) {
		return modules.getModuleByName(module)
			.orElseThrow()
			.getDirectDependencies(modules)
			.uniqueModules()
			.map(ApplicationModule::getName)
			.toList();
	}

}
