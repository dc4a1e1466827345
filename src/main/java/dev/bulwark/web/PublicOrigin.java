package dev.bulwark.web;

/**
 * Where a request really came in: host and any path prefix in front of the API's own paths (an API Gateway stage,
 * say), which absolute URLs the API writes ({@code Location}, {@code resource_metadata}) use; and the address of
 * the client, which rate limits use. A public origin is always HTTPS on the default port, which is how clients
 * reach API Gateway or a load balancer; {@code PublicOriginFilter} presents the request that way.
 */
public record PublicOrigin(String host, String pathPrefix, String clientAddress) {
}
