/**
 * What every HTTP response of the service has in common, whatever refused or failed it: RFC 9457 problem details
 * ({@link dev.bulwark.web.ProblemResponses} for filters, {@code ProblemHandling} for Spring MVC,
 * {@code ProblemErrorController} and {@code ProblemErrorReportValve} for what the container refuses, one
 * {@link dev.bulwark.web.InternalServerError} for the last resort), and the filters that run before anything reads
 * a request (put at the front of the security chain by {@code WebConfiguration}): the last-resort 500, the public
 * origin and allowed hosts with the client address, the body-size limit. Strict JSON reading lives here too. It
 * knows no feature: every other module may use it.
 */
@NullMarked
package dev.bulwark.web;

import org.jspecify.annotations.NullMarked;
