/**
 * DynamoDB infrastructure the features share: the clients, and the creation of the tables the features declare
 * (for local runs). It knows no feature, so that every feature may use it.
 */
@NullMarked
package dev.bulwark.dynamodb;

import org.jspecify.annotations.NullMarked;
