package dev.bulwark.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AdminNetworksTests {

	private final AdminNetworks networks = new AdminNetworks(List.of("192.0.2.0/24", "2001:db8:ad::/48", "198.51.100.7"));

	@Test
	void containsTheAddressesOfItsRangesOnly() {
		assertThat(this.networks.contain("192.0.2.1")).isTrue();
		assertThat(this.networks.contain("192.0.2.255")).isTrue();
		assertThat(this.networks.contain("2001:db8:ad:ffff::1")).isTrue();
		assertThat(this.networks.contain("198.51.100.7")).isTrue();

		assertThat(this.networks.contain("192.0.3.1")).isFalse();
		assertThat(this.networks.contain("2001:db8:ae::1")).isFalse();
		assertThat(this.networks.contain("198.51.100.8")).isFalse();
	}

	@Test
	void anIpv4AddressWrittenAsIpv6IsTheIpv4Address() {
		assertThat(this.networks.contain("::ffff:192.0.2.10")).isTrue();
		assertThat(this.networks.contain("::ffff:192.0.3.10")).isFalse();
	}

	@Test
	void anythingButAnAddressIsInNoRange() {
		assertThat(this.networks.contain("unknown")).isFalse();
		assertThat(this.networks.contain("localhost")).isFalse();
		assertThat(this.networks.contain("")).isFalse();
		assertThat(this.networks.contain("192.0.2.1, 203.0.113.9")).isFalse();
	}

	@Test
	void aRangeThatIsNoneStopsTheSettingsFromBinding() {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of("bulwark.security.resource-client",
				"bulwark-api", "bulwark.security.admin-networks", "192.0.2.0/24,intranet")));

		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> binder.bind("bulwark.security", ApiSecurityProperties.class))
			.havingRootCause()
			.withMessage("Not an address range (CIDR): intranet");
	}

}
