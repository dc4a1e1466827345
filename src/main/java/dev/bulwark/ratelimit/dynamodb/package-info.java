/**
 * The fleet-wide quota on DynamoDB: one atomic, conditional counter per client, policy and time window.
 */
@NullMarked
package dev.bulwark.ratelimit.dynamodb;

import org.jspecify.annotations.NullMarked;
