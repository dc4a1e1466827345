package dev.bulwark.web;

import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a trusted proxy, whatever {@code X-Forwarded-For} says (any number of header lines, any text), the client
 * address is the proxy's or an address from the header that no trusted proxy range holds: never a name, a port or
 * other text, which would become a rate-limit key and an audit field of the client's choosing.
 */
class ClientAddressesFuzzTests {

	private static final String PROXY = "10.0.0.5";

	private static final List<String> TRUSTED = List.of("10.0.0.0/8", "fd00::/8");

	private final ClientAddresses addresses = new ClientAddresses(TRUSTED);

	@FuzzTest(maxDuration = "5m")
	void clientIsTheProxyOrAnUntrustedAddress(FuzzedDataProvider data) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");
		request.setRemoteAddr(PROXY);
		int lines = data.consumeInt(0, 3);
		for (int i = 0; i < lines; i++) {
			request.addHeader("X-Forwarded-For", data.consumeString(200));
		}

		this.addresses.resolve(request);
		String client = ClientAddresses.of(request);

		if (!client.equals(PROXY)) {
			assertThat(ClientAddresses.isAddress(client)).as(client).isTrue();
			assertThat(TRUSTED.stream().anyMatch(range -> new IpAddressMatcher(range).matches(client))).as(client)
				.isFalse();
		}
	}

}
