package dev.bulwark.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Tells where a request really came in, for runtimes whose servlet request cannot know it (the Lambda runtime's
 * requests all claim to be for {@code https://spring-serverless-web-proxy:0}). A servlet container knows its own
 * origin, so the Boot runtime has no resolver.
 */
@FunctionalInterface
public interface PublicOriginResolver {

	Optional<PublicOrigin> resolve(HttpServletRequest request);

}
