package dev.bulwark.web;

import java.util.Collections;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The address of the client behind a request: the peer's address, unless the peer is a trusted proxy, in which
 * case the right-most address in {@code X-Forwarded-For} (all its header lines) that is not itself a trusted proxy.
 * A client can write anything into {@code X-Forwarded-For}, so it is believed only as far as trusted proxies vouch
 * for it. (In Lambda the peer address is API Gateway's {@code sourceIp}, put in place by the API's public-origin
 * filter.)
 *
 * <p>Resolved once per request, by {@link PublicOriginFilter} at the front of the chain, and read by everything
 * after it (and the audit trail around it) with {@link #of(HttpServletRequest)}.
 */
public final class ClientAddresses {

	private static final String ATTRIBUTE = ClientAddresses.class.getName();

	private final List<IpAddressMatcher> trustedProxies;

	ClientAddresses(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map(IpAddressMatcher::new).toList();
	}

	/**
	 * The client address resolved for this request, or, for a request refused before it was resolved, the peer's.
	 */
	public static String of(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof String address) ? address : request.getRemoteAddr();
	}

	void resolve(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, clientOf(request));
	}

	private String clientOf(HttpServletRequest request) {
		String peer = request.getRemoteAddr();
		if (!trusted(peer)) {
			return peer;
		}
		// A proxy may add a header line of its own instead of appending to the client's, so every line counts, in
		// order: repeated field lines are one comma-separated list (RFC 9110, section 5.3).
		String forwarded = String.join(",", Collections.list(request.getHeaders("X-Forwarded-For")));
		String[] hops = forwarded.split(",");
		for (int i = hops.length - 1; i >= 0; i--) {
			String hop = hops[i].trim();
			if (!hop.isEmpty() && !trusted(hop)) {
				return hop;
			}
		}
		return peer;
	}

	private boolean trusted(String address) {
		try {
			return this.trustedProxies.stream().anyMatch(proxy -> proxy.matches(address));
		}
		catch (IllegalArgumentException notAnAddress) {
			return false;
		}
	}

}
