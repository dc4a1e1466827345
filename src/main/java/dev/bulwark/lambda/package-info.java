/**
 * What only the AWS Lambda runtime needs: the API Gateway entry point, the public origin of its requests, its
 * metrics lines, and the priming of the whole request path before a SnapStart snapshot.
 */
@NullMarked
package dev.bulwark.lambda;

import org.jspecify.annotations.NullMarked;
