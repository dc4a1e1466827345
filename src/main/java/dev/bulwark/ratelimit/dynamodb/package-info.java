/**
 * The fleet-wide quota on DynamoDB: one atomic counter per client, policy and time window, leased to instances in
 * batches.
 */
@NullMarked
package dev.bulwark.ratelimit.dynamodb;

import org.jspecify.annotations.NullMarked;
