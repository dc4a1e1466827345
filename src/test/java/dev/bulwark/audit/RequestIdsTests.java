package dev.bulwark.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTests {

	private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	@Test
	void wellFormedIdsOfClientsAndGatewaysAreKept() {
		assertThat(RequestIds.requestId("4b1f6c1e-93f0-4c64-a7c3-6b0e1a3f1d2e"))
			.isEqualTo("4b1f6c1e-93f0-4c64-a7c3-6b0e1a3f1d2e");
		assertThat(RequestIds.requestId("01JDQ3V6R4Z8X9Y2W1T0S5P7M3")).isEqualTo("01JDQ3V6R4Z8X9Y2W1T0S5P7M3");
		assertThat(RequestIds.requestId("JKJaXmPLvHcESHA=")).isEqualTo("JKJaXmPLvHcESHA=");
	}

	@Test
	void anythingElseGetsANewId() {
		assertThat(RequestIds.requestId(null)).matches(UUID);
		assertThat(RequestIds.requestId("")).matches(UUID);
		assertThat(RequestIds.requestId("a".repeat(65))).matches(UUID);
		assertThat(RequestIds.requestId("id\nINFO forged")).matches(UUID);
		assertThat(RequestIds.requestId("-starts-with-punctuation")).matches(UUID);
	}

	@Test
	void traceIdOfAValidTraceparent() {
		assertThat(RequestIds.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
			.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
	}

	@Test
	void invalidTraceparentJoinsNoTrace() {
		assertThat(RequestIds.traceId(null)).isNull();
		assertThat(RequestIds.traceId("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isNull();
		assertThat(RequestIds.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).isNull();
		assertThat(RequestIds.traceId("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isNull();
		assertThat(RequestIds.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7")).isNull();
		assertThat(RequestIds.traceId("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isNull();
	}

}
