package dev.bulwark.lambda;

import jakarta.servlet.ServletContext;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.web.context.WebApplicationContext;

/**
 * Registers the application context as the servlet context's root web application context where nobody else has.
 * A servlet container gets this from Spring Boot; the Lambda runtime's emulated servlet context does not, and
 * whatever looks the context up from a request (Spring Boot's actuator request matchers, for one) would fail.
 * Registered by {@link LambdaRuntime}.
 */
class RootWebApplicationContext implements ServletContextInitializer {

	private final WebApplicationContext context;

	RootWebApplicationContext(WebApplicationContext context) {
		this.context = context;
	}

	@Override
	public void onStartup(ServletContext servletContext) {
		if (servletContext.getAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE) == null) {
			servletContext.setAttribute(WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE, this.context);
		}
	}

}
