package dev.bulwark.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The address of the client behind a request: the peer's address, unless the peer is a trusted proxy, in which
 * case the right-most address in {@code X-Forwarded-For} (all its header lines) that is not itself a trusted proxy;
 * a hop that is no address at all stops the walk, and the peer's address is the client's.
 * A client can write anything into {@code X-Forwarded-For}, so it is believed only as far as trusted proxies vouch
 * for it. (In Lambda the peer address is API Gateway's {@code sourceIp}, put in place by the API's public-origin
 * filter.)
 *
 * <p>Resolved once per request, by {@link PublicOriginFilter} at the front of the chain, and read by everything
 * after it (and the audit trail around it) with {@link #of(HttpServletRequest)}.
 */
public final class ClientAddresses {

	private static final String ATTRIBUTE = ClientAddresses.class.getName();

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

	private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

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
			if (hop.isEmpty()) {
				continue;
			}
			// What a trusted proxy adds is an address: a hop that is none (a name, a port, text) was not written
			// by one, so nothing from there on is vouched for.
			if (!isAddress(hop)) {
				return peer;
			}
			if (!trusted(hop)) {
				return hop;
			}
		}
		return peer;
	}

	/**
	 * Whether the text is an IPv4 or IPv6 address literal, decided without a name lookup.
	 */
	static boolean isAddress(String text) {
		if (IPV4.matcher(text).matches()) {
			return true;
		}
		if (text.length() > 45 || text.indexOf(':') < 0 || !IPV6_CHARACTERS.matcher(text).matches()) {
			return false;
		}
		try {
			// With a colon in it, a literal is parsed as IPv6 and never looked up as a host name.
			InetAddress.getByName(text);
			return true;
		}
		catch (UnknownHostException ex) {
			return false;
		}
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
