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
		assertThat(resolved(request("10.0.0.5", "not-an-address"))).isEqualTo("not-an-address");
		assertThat(resolved(request("10.0.0.5", null))).isEqualTo("10.0.0.5");
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
