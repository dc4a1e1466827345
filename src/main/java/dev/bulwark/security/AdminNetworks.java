package dev.bulwark.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The address ranges admin work must come from ({@code bulwark.security.admin-networks}, applied by
 * {@link AdminNetworkFilter}), and whether a request came from outside them, for whoever reports on it (the audit
 * trail).
 */
public final class AdminNetworks {

	/** The reason the audit trail and the metrics give for admin work from outside the admin networks. */
	public static final String OUTSIDE = "outside-admin-network";

	private static final String ATTRIBUTE = AdminNetworks.class.getName();

	private final List<IpAddressMatcher> networks;

	/**
	 * @throws IllegalArgumentException for a range that is not an IPv4 or IPv6 address with an optional prefix
	 * length (a host name is refused, never looked up)
	 */
	AdminNetworks(List<String> networks) {
		this.networks = networks.stream().map(AdminNetworks::network).toList();
	}

	static IpAddressMatcher network(String range) {
		try {
			return new IpAddressMatcher(range);
		}
		catch (IllegalArgumentException notARange) {
			throw new IllegalArgumentException("Not an address range (CIDR): " + range);
		}
	}

	/**
	 * Whether the client address is in one of the ranges; an IPv4 address written as IPv6 ({@code ::ffff:a.b.c.d})
	 * is the IPv4 address. Anything but an address literal is in none.
	 */
	boolean contain(String address) {
		try {
			return this.networks.stream().anyMatch(network -> network.matches(address));
		}
		catch (IllegalArgumentException notAnAddress) {
			return false;
		}
	}

	/**
	 * Whether the request asked for an actuator endpoint, or came with the admin role, from outside the admin
	 * networks: the endpoint was refused, or the role was not honoured.
	 */
	public static boolean outside(HttpServletRequest request) {
		return request.getAttribute(ATTRIBUTE) != null;
	}

	static void markOutside(HttpServletRequest request) {
		request.setAttribute(ATTRIBUTE, Boolean.TRUE);
	}

}
