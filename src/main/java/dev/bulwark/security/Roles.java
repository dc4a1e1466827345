package dev.bulwark.security;

/**
 * The API's roles: client roles of the {@code bulwark-api} client in Keycloak.
 */
public final class Roles {

	public static final String CUSTOMER = "customer";

	public static final String FULFILLMENT = "fulfillment";

	public static final String ADMIN = "admin";

	/** Read-only access to every order, for reporting service accounts. */
	public static final String ORDERS_READ = "orders:read";

	private Roles() {
	}

}
