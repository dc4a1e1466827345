package dev.bulwark.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a request was held to the admin networks ({@code bulwark.security.admin-networks}) and came from outside
 * them, for whoever reports on the request (the audit trail); see {@link AdminNetworkFilter}.
 */
public final class AdminNetworks {

	private static final String ATTRIBUTE = AdminNetworks.class.getName();

	/** The reason the audit trail and the metrics give for such a request. */
	public static final String OUTSIDE = "outside-admin-network";

	private AdminNetworks() {
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
