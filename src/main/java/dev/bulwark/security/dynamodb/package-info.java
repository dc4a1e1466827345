/**
 * The fleet's record of the DPoP proofs it has taken, on DynamoDB: a conditional write per proof, so that a proof
 * is taken once whichever instance it reaches.
 */
@NullMarked
package dev.bulwark.security.dynamodb;

import org.jspecify.annotations.NullMarked;
