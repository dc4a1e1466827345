package dev.bulwark.lambda;

import java.util.Objects;
import java.util.Optional;

import com.amazonaws.serverless.proxy.RequestReader;
import com.amazonaws.serverless.proxy.model.AwsProxyRequestContext;
import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequestContext;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.util.StringUtils;

import dev.bulwark.web.PublicOrigin;
import dev.bulwark.web.PublicOriginResolver;

/**
 * The public origin of a request that came through API Gateway, from the event itself: an HTTP API (payload 2.0)
 * names its domain in the request context; a REST API names its stage there, and its domain in the {@code Host}
 * header, which API Gateway sets to the domain the client called. Both name the client's address
 * ({@code sourceIp}), which API Gateway takes from the connection, not from any header. Outside Lambda the
 * attributes are absent and nothing is resolved. Registered by {@link LambdaRuntime}, and consulted before any
 * other resolver: the event knows the public origin better than any setting.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiGatewayOrigins implements PublicOriginResolver {

	private static final String UNKNOWN_CLIENT = "unknown";

	@Override
	public Optional<PublicOrigin> resolve(HttpServletRequest request) {
		if (request.getAttribute(RequestReader.HTTP_API_CONTEXT_PROPERTY) instanceof HttpApiV2ProxyRequestContext httpApi
				&& StringUtils.hasText(httpApi.getDomainName()) && httpApi.getHttp() != null) {
			return Optional.of(new PublicOrigin(httpApi.getDomainName(), "",
					Objects.requireNonNullElse(httpApi.getHttp().getSourceIp(), UNKNOWN_CLIENT)));
		}
		if (request.getAttribute(RequestReader.API_GATEWAY_CONTEXT_PROPERTY) instanceof AwsProxyRequestContext restApi
				&& StringUtils.hasText(request.getHeader("Host")) && restApi.getIdentity() != null) {
			return Optional.of(new PublicOrigin(request.getHeader("Host"), stagePrefix(restApi, request),
					Objects.requireNonNullElse(restApi.getIdentity().getSourceIp(), UNKNOWN_CLIENT)));
		}
		return Optional.empty();
	}

	/**
	 * The part of the path the client called ({@code /prod/orders}) in front of the path the API sees
	 * ({@code /orders}): the stage, or a custom domain's base path.
	 */
	private static String stagePrefix(AwsProxyRequestContext restApi, HttpServletRequest request) {
		String called = restApi.getPath();
		String seen = request.getRequestURI();
		if (called != null && called.endsWith(seen) && called.length() > seen.length()) {
			return called.substring(0, called.length() - seen.length());
		}
		return "";
	}

}
