package dev.bulwark.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.DPoPAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a request of the DPoP scheme is read, before any token or proof is checked; each refusal carries its reason
 * for the audit trail.
 */
class DPoPRequestsTests {

	private final DPoPRequests requests = new DPoPRequests();

	@Test
	void readsTokenProofMethodAndUrl() {
		MockHttpServletRequest request = request("DPoP abc.def-_~+/=");
		request.addHeader("DPoP", "the.proof.jwt");

		DPoPAuthenticationToken read = (DPoPAuthenticationToken) this.requests.convert(request);

		assertThat(read.getAccessToken()).isEqualTo("abc.def-_~+/=");
		assertThat(read.getDPoPProof()).isEqualTo("the.proof.jwt");
		assertThat(read.getMethod()).isEqualTo("POST");
		assertThat(read.getResourceUri()).isEqualTo("https://api.example.com/orders");
	}

	@Test
	void schemeIsCaseInsensitive() {
		assertThat(DPoPRequests.matches(request("dpop abc"))).isTrue();
		assertThat(DPoPRequests.matches(request("DPOP abc"))).isTrue();
		assertThat(DPoPRequests.matches(request("DPoPabc"))).isFalse();
		assertThat(DPoPRequests.matches(request("Bearer abc"))).isFalse();
		assertThat(DPoPRequests.matches(new MockHttpServletRequest())).isFalse();
	}

	@Test
	void refusesRequestWithoutProof() {
		assertRefused(request("DPoP abc"), AuthenticationFailure.PROOF_MISSING);
	}

	@Test
	void refusesRequestWithTwoProofs() {
		MockHttpServletRequest request = request("DPoP abc");
		request.addHeader("DPoP", "one.proof.jwt");
		request.addHeader("DPoP", "another.proof.jwt");

		assertRefused(request, AuthenticationFailure.PROOF_MISSING);
	}

	@Test
	void refusesMalformedToken() {
		MockHttpServletRequest request = request("DPoP not a token");
		request.addHeader("DPoP", "the.proof.jwt");

		assertRefused(request, AuthenticationFailure.MALFORMED);
	}

	@Test
	void refusesTwoAuthorizationHeaders() {
		MockHttpServletRequest request = request("DPoP abc");
		request.addHeader("Authorization", "Bearer def");
		request.addHeader("DPoP", "the.proof.jwt");

		assertRefused(request, AuthenticationFailure.MALFORMED);
	}

	private static MockHttpServletRequest request(String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/orders");
		request.setScheme("https");
		request.setServerName("api.example.com");
		request.setServerPort(443);
		request.addHeader("Authorization", authorization);
		return request;
	}

	private void assertRefused(MockHttpServletRequest request, AuthenticationFailure reason) {
		assertThatThrownBy(() -> this.requests.convert(request)).isInstanceOfSatisfying(
				OAuth2AuthenticationException.class, refused -> assertThat(AuthenticationFailure.of(refused)).isEqualTo(reason));
	}

}
