/**
 * Bulwark, an orders API whose business endpoints are Spring Cloud Function beans, run unchanged as a Spring Boot
 * web app and as an AWS Lambda function behind API Gateway. Both runtimes share one request path: the Lambda
 * handler feeds API Gateway events through the same servlet filters, security chain and route table as Tomcat.
 *
 * <p>Each sub-package is a module (checked by {@code ModularityTests}); they depend on each other only like this:
 * <pre>
 * api       → order, security, web
 * audit     → order, security, web
 * order     → security, dynamodb
 * ratelimit → security, web, dynamodb
 * lambda    → audit, ratelimit, security, web (the outermost adapter: it primes the stack for SnapStart)
 * security  → web, dynamodb (the fleet's record of used DPoP proofs)
 * dynamodb  → web (its calls that fail for want of DynamoDB become the web module's 503)
 * web       → nothing of ours
 * </pre>
 */
@NullMarked
package dev.bulwark;

import org.jspecify.annotations.NullMarked;
