package dev.bulwark;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The package layout is a design, checked here: each top-level package is a module, modules use only each
 * other's top-level public types, and no module depends on itself through others.
 */
class ModularityTests {

	@Test
	void modulesHaveNoCyclesAndUseOnlyPublishedTypes() {
		ApplicationModules.of(BulwarkApplication.class).verify();
	}

}
