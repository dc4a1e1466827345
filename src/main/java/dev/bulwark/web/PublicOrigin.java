package dev.bulwark.web;

/**
 * Where a request really came in, over HTTPS: host and any path prefix in front of the API's own paths (an API
 * Gateway stage, say), which absolute URLs the API writes ({@code Location}, {@code resource_metadata}) use; and
 * the address of the client, which rate limits use.
 */
public record PublicOrigin(String host, String pathPrefix, String clientAddress) {

	/**
	 * Always HTTPS on the default port: that is how clients reach API Gateway.
	 */
	public static PublicOrigin https(String host, String pathPrefix, String clientAddress) {
		return new PublicOrigin(host, pathPrefix, clientAddress);
	}

}
