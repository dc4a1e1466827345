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

	/** Scraping the metrics ({@code /actuator/prometheus}) and nothing else, for the monitoring service account. */
	public static final String METRICS = "metrics";

	/**
	 * The scheduled expiry job's only right: cancelling stale pending orders. Held by a system principal (as the
	 * authority {@code SYSTEM_order-expiry}), never by a token.
	 */
	public static final String ORDER_EXPIRY = "order-expiry";

	private Roles() {
	}

}
