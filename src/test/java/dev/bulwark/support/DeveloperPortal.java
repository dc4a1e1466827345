package dev.bulwark.support;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The developer portal of the local run: Swagger UI at {@code /docs/index.html}, on the API's own OpenAPI
 * document, signing in through the local Keycloak (authorization code with PKCE, the public client
 * {@code bulwark-web}, whose registered redirect URIs include {@code /docs/oauth2-redirect.html} on port 8080).
 * Swagger UI is a test dependency and this class a test class: neither the Boot jar nor the Lambda package has a
 * portal, so none can be switched on in production. Not a {@code @Configuration}, so that component scanning never
 * finds it; the local run and {@code DeveloperPortalIT} import it.
 */
public class DeveloperPortal {

	public static final String PATH = "/docs/";

	private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/"
			+ InfrastructureSettings.load().getProperty("swagger-ui.version") + "/";

	@Bean
	RouterFunction<ServerResponse> developerPortalRoutes() {
		return RouterFunctions.route()
			.GET(PATH, request -> ServerResponse.temporaryRedirect(URI.create(PATH + "index.html")).build())
			.GET(PATH + "swagger-initializer.js",
					request -> ServerResponse.ok()
						.contentType(MediaType.valueOf("text/javascript"))
						.body(new ClassPathResource("portal/swagger-initializer.js")))
			.resources(PATH + "**", new ClassPathResource(SWAGGER_UI))
			.build();
	}

	/**
	 * The portal's pages need no token (the API they call does), and a content security policy that lets Swagger
	 * UI run: its own scripts and styles, and calls to this origin and to Keycloak's token endpoint.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain developerPortalSecurity(HttpSecurity http) throws Exception {
		String keycloak = KeycloakServer.shared().baseUrl();
		return http.securityMatcher(PATH + "**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.csrf(csrf -> csrf.disable())
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; "
					+ "img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self' " + keycloak
					+ "; frame-ancestors 'none'")))
			.build();
	}

}
