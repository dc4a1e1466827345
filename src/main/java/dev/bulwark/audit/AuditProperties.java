package dev.bulwark.audit;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the audit line records of a request beyond its fixed fields.
 *
 * @param headers the request headers logged, by allow-list (as {@code http.request.header.<name>}, escaped and cut
 * short); {@code User-Agent} is always logged, as {@code user_agent.original}. Headers that carry credentials can
 * never be listed.
 */
@Validated
@ConfigurationProperties("bulwark.audit")
record AuditProperties(@DefaultValue({ "Accept", "Content-Type", "Content-Length", "Transfer-Encoding", "Origin",
		"Idempotency-Key" }) @NotNull List<String> headers) {

	/** Credentials, or what a session or a proof of possession rides on. */
	static final Set<String> NEVER_LOGGED = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
			"dpop", "x-api-key", "x-amz-security-token");

	@AssertTrue(message = "must not name a header that carries credentials (Authorization, Cookie, DPoP, API keys)")
	boolean isFreeOfCredentials() {
		return this.headers.stream().map(name -> name.toLowerCase(Locale.ROOT)).noneMatch(NEVER_LOGGED::contains);
	}

}
