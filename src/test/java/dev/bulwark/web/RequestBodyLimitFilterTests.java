package dev.bulwark.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.bulwark.support.TestJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What code behind the body limit can get out of a request: never more than the limit, however it asks.
 */
class RequestBodyLimitFilterTests {

	private static final int LIMIT = 16;

	private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(LIMIT,
			new ProblemResponses(TestJson.MAPPER));

	@Test
	void declaredLengthOverTheLimitIsRefusedBeforeTheChain() throws Exception {
		MockHttpServletRequest request = request("application/json", "{\"note\":\"far too long for the limit\"}");
		MockHttpServletResponse response = new MockHttpServletResponse();
		AtomicReference<HttpServletRequest> passedOn = new AtomicReference<>();

		this.filter.doFilter(request, response, (in, out) -> passedOn.set((HttpServletRequest) in));

		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(response.getContentType()).isEqualTo("application/problem+json");
		assertThat(passedOn.get()).isNull();
	}

	@Test
	void streamAndReaderStopOneByteAfterTheLimit() throws Exception {
		HttpServletRequest limited = chunked("application/json", "{\"note\":\"far too long for the limit\"}");

		assertThatExceptionOfType(RequestBodyLimitFilter.RequestBodyTooLargeException.class)
			.isThrownBy(() -> limited.getInputStream().readAllBytes());
		assertThatExceptionOfType(RequestBodyLimitFilter.RequestBodyTooLargeException.class)
			.isThrownBy(() -> limited.getInputStream().read());
		assertThat(limited.getInputStream()).isSameAs(limited.getInputStream());
		HttpServletRequest viaReader = chunked("application/json", "{\"note\":\"far too long for the limit\"}");
		assertThatExceptionOfType(RequestBodyLimitFilter.RequestBodyTooLargeException.class)
			.isThrownBy(() -> viaReader.getReader().read(new char[64]));
	}

	@Test
	void bodyWithinTheLimitIsReadWhole() throws Exception {
		HttpServletRequest limited = chunked("application/json", "{\"a\":1}");

		assertThat(new String(limited.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
	}

	@Test
	void formRequestParametersComeFromTheQueryStringOnly() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/orders");
		request.setContentType("application/x-www-form-urlencoded; charset=UTF-8");
		request.setQueryString("limit=5&cursor=a%2Bb+c&cursor=d&broken=%zz");
		// What a servlet container would have parsed out of the body, had it been asked.
		request.addParameter("fromBody", "x");
		HttpServletRequest limited = passedOn(request);

		assertThat(limited.getParameter("fromBody")).isNull();
		assertThat(limited.getParameter("limit")).isEqualTo("5");
		assertThat(limited.getParameterValues("cursor")).containsExactly("a+b c", "d");
		assertThat(limited.getParameterMap()).containsOnlyKeys("limit", "cursor");
	}

	@Test
	void otherRequestsKeepTheirParameters() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");
		request.addParameter("limit", "5");

		assertThat(passedOn(request).getParameter("limit")).isEqualTo("5");
	}

	@Test
	void multipartPartsAreRefused() throws Exception {
		HttpServletRequest limited = chunked("multipart/form-data; boundary=x", "--x--");

		assertThatExceptionOfType(ServletException.class).isThrownBy(limited::getParts);
		assertThatExceptionOfType(ServletException.class).isThrownBy(() -> limited.getPart("file"));
	}

	/**
	 * A chunked body: nobody knows its length before it has been read.
	 */
	private HttpServletRequest chunked(String contentType, String body) throws ServletException, IOException {
		MockHttpServletRequest request = new UnknownLengthRequest();
		request.setContentType(contentType);
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		return passedOn(request);
	}

	private HttpServletRequest passedOn(MockHttpServletRequest request) throws ServletException, IOException {
		AtomicReference<HttpServletRequest> passedOn = new AtomicReference<>();
		this.filter.doFilter(request, new MockHttpServletResponse(), (in, out) -> passedOn.set((HttpServletRequest) in));
		assertThat(passedOn.get()).isNotNull();
		return passedOn.get();
	}

	private static MockHttpServletRequest request(String contentType, String body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/orders");
		request.setContentType(contentType);
		request.setContent(body.getBytes(StandardCharsets.UTF_8));
		return request;
	}

	private static final class UnknownLengthRequest extends MockHttpServletRequest {

		private UnknownLengthRequest() {
			super("POST", "/orders");
		}

		@Override
		public long getContentLengthLong() {
			return -1;
		}

		@Override
		public int getContentLength() {
			return -1;
		}

	}

}
