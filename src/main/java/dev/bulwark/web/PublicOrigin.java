package dev.bulwark.web;

/**
 * Where a request really came in: scheme, host, port and any path prefix in front of the API's own paths (an API
 * Gateway stage, say), which absolute URLs the API writes ({@code Location}, {@code resource_metadata}) use; and
 * the address of the client, which rate limits use.
 */
public record PublicOrigin(String scheme, String host, int port, String pathPrefix, String clientAddress) {

	public static PublicOrigin https(String host, String pathPrefix, String clientAddress) {
		return new PublicOrigin("https", host, 443, pathPrefix, clientAddress);
	}

}
