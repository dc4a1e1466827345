/**
 * What only the AWS Lambda runtime needs: the API Gateway entry point and the public origin of its requests.
 */
@NullMarked
package dev.bulwark.lambda;

import org.jspecify.annotations.NullMarked;
