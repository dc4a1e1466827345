package dev.bulwark.security;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The issuer's JWKS endpoint, watched: whether its last fetch failed ({@code bulwark.jwks.stale} is 1 then, and
 * a {@code WARN} line says until when the keys fetched before are used; an {@code INFO} line says when a fetch
 * succeeds again), and whether keys fetched recently enough to be trusted exist at all.
 */
final class WatchedJwks implements JWKSetSource<SecurityContext> {

	private static final Log logger = LogFactory.getLog(WatchedJwks.class);

	private final JWKSetSource<SecurityContext> endpoint;

	private final Duration maxStale;

	/** When the keys were last fetched, in epoch milliseconds; negative before the first fetch. */
	private volatile long fetchedAt = -1;

	private volatile boolean failing;

	WatchedJwks(JWKSetSource<SecurityContext> endpoint, Duration maxStale, MeterRegistry meters) {
		this.endpoint = endpoint;
		this.maxStale = maxStale;
		Gauge.builder("bulwark.jwks.stale", this, watched -> watched.failing ? 1 : 0)
			.description("1 while the issuer's keys could not be fetched at the last attempt, and older ones are used")
			.register(meters);
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
			throws KeySourceException {
		try {
			JWKSet keys = this.endpoint.getJWKSet(refreshEvaluator, currentTime, context);
			this.fetchedAt = currentTime;
			if (this.failing) {
				this.failing = false;
				logger.info("The issuer's keys were fetched again");
			}
			return keys;
		}
		catch (KeySourceException ex) {
			if (!this.failing) {
				this.failing = true;
				logger.warn("The issuer's keys could not be fetched (" + ex.getMessage() + "); "
						+ ((this.fetchedAt < 0) ? "none were fetched before, so no token can be checked"
								: "tokens are checked against the keys fetched at " + Instant.ofEpochMilli(this.fetchedAt)
										+ " until " + Instant.ofEpochMilli(this.fetchedAt).plus(this.maxStale)));
			}
			throw ex;
		}
	}

	/**
	 * Whether keys fetched no longer than {@code maxStale} ago exist: a token whose key is not among them is
	 * invalid; without them, no token can be checked.
	 */
	boolean haveUsableKeys(long now) {
		long fetched = this.fetchedAt;
		return fetched >= 0 && now - fetched <= this.maxStale.toMillis();
	}

	@Override
	public void close() throws IOException {
		this.endpoint.close();
	}

}
