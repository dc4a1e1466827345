package dev.bulwark.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTests {

	private final ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));

	@Test
	void forwardedForFromAnUntrustedPeerIsIgnored() {
		assertThat(resolved(request("203.0.113.9", "198.51.100.1"))).isEqualTo("203.0.113.9");
	}

	@Test
	void trustedProxyVouchesForTheClientItSaw() {
		assertThat(resolved(request("10.0.0.5", "198.51.100.1"))).isEqualTo("198.51.100.1");
	}

	@Test
	void spoofedHopsInFrontOfTheRealClientAreIgnored() {
		assertThat(resolved(request("10.0.0.5", "1.2.3.4, 198.51.100.1, 10.0.0.7")))
			.isEqualTo("198.51.100.1");
	}

	@Test
	void proxyAddingItsOwnHeaderLineStillVouchesForTheClientItSaw() {
		MockHttpServletRequest request = request("10.0.0.5", "1.2.3.4");
		request.addHeader("X-Forwarded-For", "198.51.100.1, 10.0.0.7");

		assertThat(resolved(request)).isEqualTo("198.51.100.1");
	}

	@Test
	void garbageInForwardedForIsNotAClient() {
		assertThat(resolved(request("10.0.0.5", "not-an-address"))).isEqualTo("10.0.0.5");
		assertThat(resolved(request("10.0.0.5", "198.51.100.1:4711"))).isEqualTo("10.0.0.5");
		assertThat(resolved(request("10.0.0.5", "198.51.100.1, localhost, 10.0.0.7"))).isEqualTo("10.0.0.5");
		assertThat(resolved(request("10.0.0.5", null))).isEqualTo("10.0.0.5");
	}

	@Test
	void addressesOfBothFamiliesAreClients() {
		assertThat(resolved(request("10.0.0.5", "2001:db8::1"))).isEqualTo("2001:db8::1");
		assertThat(resolved(request("10.0.0.5", "::ffff:198.51.100.1"))).isEqualTo("::ffff:198.51.100.1");
		assertThat(resolved(request("10.0.0.5", "198.51.100.255"))).isEqualTo("198.51.100.255");
		assertThat(resolved(request("10.0.0.5", "198.51.100.256"))).isEqualTo("10.0.0.5");
	}

	private static MockHttpServletRequest request(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");
		request.setRemoteAddr(peer);
		if (forwardedFor != null) {
			request.addHeader("X-Forwarded-For", forwardedFor);
		}
		return request;
	}

	private String resolved(MockHttpServletRequest request) {
		this.addresses.resolve(request);
		return ClientAddresses.of(request);
	}

}
