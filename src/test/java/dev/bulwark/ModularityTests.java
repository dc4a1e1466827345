package dev.bulwark;

import java.util.List;

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
		assertThat(directDependencies("dynamodb")).isEmpty();
		assertThat(directDependencies("order")).contains("dynamodb");
		assertThat(directDependencies("ratelimit")).contains("dynamodb").doesNotContain("order");
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
