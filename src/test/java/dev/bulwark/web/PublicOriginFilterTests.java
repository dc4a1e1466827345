package dev.bulwark.web;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.util.UrlUtils;

import dev.bulwark.support.TestJson;

import static org.assertj.core.api.Assertions.assertThat;

class PublicOriginFilterTests {

	@Test
	void urlsUseThePublicOriginNotTheHostHeader() throws Exception {
		PublicOriginFilter filter = filter(request -> Optional.of(new PublicOrigin("api.example.com", "/v1", "198.51.100.7")));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");
		request.addHeader("Host", "evil.example");
		request.setServerName("evil.example");
		request.setRemoteAddr("10.0.0.1");
		AtomicReference<HttpServletRequest> seen = new AtomicReference<>();

		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set((HttpServletRequest) req));

		assertThat(UrlUtils.buildFullRequestUrl(seen.get())).isEqualTo("https://api.example.com/v1/orders");
		assertThat(seen.get().getContextPath()).isEqualTo("/v1");
		assertThat(seen.get().isSecure()).isTrue();
		assertThat(seen.get().getRemoteAddr()).isEqualTo("198.51.100.7");
		assertThat(ClientAddresses.of(seen.get())).isEqualTo("198.51.100.7");
	}

	@Test
	void clientAddressIsResolvedOnceBehindATrustedProxyForEverythingAfter() throws Exception {
		assertThat(clientAddressOf(request("localhost", "10.0.0.5", "203.0.113.1, 198.51.100.1")))
			.isEqualTo("198.51.100.1");
	}

	@Test
	void clientAddressIsResolvedEvenForARequestForAnotherHost() throws Exception {
		assertThat(clientAddressOf(request("evil.example", "203.0.113.9", null))).isEqualTo("203.0.113.9");
	}

	@Test
	void requestForAnAllowedHostIsUntouchedWhenNoResolverKnowsItsOrigin() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");
		request.setServerName("LocalHost");
		AtomicReference<Object> seen = new AtomicReference<>();

		filter(none -> Optional.empty()).doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set(req));

		assertThat(seen.get()).isSameAs(request);
	}

	@Test
	void requestForAnyOtherHostIsRefusedWhenNoResolverKnowsItsOrigin() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");
		request.setServerName("evil.example");
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicReference<Object> seen = new AtomicReference<>();

		filter(none -> Optional.empty()).doFilter(request, response, (req, res) -> seen.set(req));

		assertThat(seen.get()).isNull();
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(response.getContentAsString()).doesNotContain("evil.example");
	}

	private static MockHttpServletRequest request(String host, String peer, @Nullable String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");
		request.setServerName(host);
		request.setRemoteAddr(peer);
		if (forwardedFor != null) {
			request.addHeader("X-Forwarded-For", forwardedFor);
		}
		return request;
	}

	/**
	 * The client address the filter resolved for a request no resolver knows the origin of.
	 */
	private static String clientAddressOf(MockHttpServletRequest request) throws Exception {
		filter(none -> Optional.empty()).doFilter(request, new MockHttpServletResponse(), (req, res) -> {
		});
		return ClientAddresses.of(request);
	}

	private static PublicOriginFilter filter(PublicOriginResolver resolver) {
		return new PublicOriginFilter(List.of(resolver), List.of("localhost", "127.0.0.1"),
				new ClientAddresses(List.of("10.0.0.0/8")), new ProblemResponses(TestJson.MAPPER));
	}

}
