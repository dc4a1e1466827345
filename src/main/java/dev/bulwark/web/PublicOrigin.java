package dev.bulwark.web;

/**
 * Where clients reach the API: scheme, host, port and any path prefix in front of the API's own paths (an API
 * Gateway stage, say). Absolute URLs the API writes ({@code Location}, {@code resource_metadata}) use it.
 */
public record PublicOrigin(String scheme, String host, int port, String pathPrefix) {

	public static PublicOrigin https(String host, String pathPrefix) {
		return new PublicOrigin("https", host, 443, pathPrefix);
	}

}
