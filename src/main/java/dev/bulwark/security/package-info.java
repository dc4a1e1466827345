/**
 * Who may call and what they may do. The API is an OAuth2 resource server for Keycloak access tokens: a token is
 * verified once ({@code JwtDecoders}: signature, algorithm, issuer, audience, time, type, client), mapped to
 * authorities ({@code KeycloakAuthoritiesConverter}) and resolved to one {@link dev.bulwark.security.Caller}
 * ({@link dev.bulwark.security.CallerAuthentication}), which everything later in the request reads: the rate
 * limits, the order rules' ownership checks, {@code GET /me}. A token bound to a key (DPoP, RFC 9449) is taken only
 * with a fresh proof of that key for the very request ({@code DPoPProofs}), each proof once across the fleet
 * ({@code dynamodb}). Roles are checked twice, by URL rules and by method security on the services; refusals are
 * problem details. Other modules add their filters to the chain as {@code Customizer<HttpSecurity>} beans, so this
 * module depends on none of them but {@code web}, and {@code dynamodb} for the shared record of used proofs.
 */
@NullMarked
package dev.bulwark.security;

import org.jspecify.annotations.NullMarked;
