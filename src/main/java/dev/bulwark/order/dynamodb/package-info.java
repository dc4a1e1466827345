/**
 * The orders' DynamoDB storage: conditional and versioned writes (no lost or doubled write), idempotency records
 * written in the same transaction as the order, customer listings on a secondary index, and sealed page cursors.
 * It declares its tables; the {@code dynamodb} module creates them for local runs.
 */
@NullMarked
package dev.bulwark.order.dynamodb;

import org.jspecify.annotations.NullMarked;
