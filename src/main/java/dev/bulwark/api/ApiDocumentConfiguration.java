package dev.bulwark.api;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

import dev.bulwark.security.ApiSecurityProperties;

/**
 * The route of the API's OpenAPI document.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentConfiguration {

	/**
	 * The OpenAPI document, served where the API is. Whether it needs a token is the security configuration's
	 * call ({@code bulwark.security.public-api-document}).
	 */
	@Bean
	RouterFunction<ServerResponse> apiDocumentRouter(ObjectProvider<OAuth2ResourceServerProperties> resourceServer,
			ApiSecurityProperties security, JsonMapper jsonMapper) {
		// Looked up when first served: the scheduled expiry function's context has routes but no resource server.
		ApiDocument document = new ApiDocument(() -> resourceServer.getObject().getJwt().getIssuerUri(),
				security.publicApiDocument(), jsonMapper);
		return RouterFunctions.route()
			.GET(ApiDocument.PATH, request -> ApiRoutes.json().body(document.servedAt(request.uriBuilder()
				.replacePath(request.requestPath().contextPath().value())
				.replaceQuery(null)
				.build()
				.toString())))
			.route(RequestPredicates.path(ApiDocument.PATH), ApiRoutes.methodNotAllowed(HttpMethod.GET))
			.build();
	}

}
