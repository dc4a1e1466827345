/**
 * Rate limits like API Gateway usage plans, inside the service: per authenticated client and tier, and per client
 * address for requests without a valid token, checked before the token is.
 */
@NullMarked
package dev.bulwark.ratelimit;

import org.jspecify.annotations.NullMarked;
