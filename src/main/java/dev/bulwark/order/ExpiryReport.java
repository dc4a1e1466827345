package dev.bulwark.order;

import java.time.Instant;

/**
 * What one run of the expiry job did.
 *
 * @param cutoff orders placed before this were due
 * @param expired how many were cancelled
 * @param skipped how many changed while the job ran and were left alone
 */
public record ExpiryReport(Instant cutoff, int expired, int skipped) {
}
