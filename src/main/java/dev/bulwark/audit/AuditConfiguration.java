package dev.bulwark.audit;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

import dev.bulwark.web.UnhandledExceptionFilter;

/**
 * The audit trail: one line per request, around everything else in the chain.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	/**
	 * Applied after the web module's filters are in place (they are ordered first), so that the audit filter can
	 * stand in front of the last-resort 500 filter and see its answer.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	Customizer<HttpSecurity> requestAudit(AuditProperties properties, ObjectProvider<RequestMetrics> metrics) {
		RequestAuditFilter audit = new RequestAuditFilter(properties, metrics.orderedStream().toList());
		return http -> http.addFilterBefore(audit, UnhandledExceptionFilter.class);
	}

	@Bean
	MicrometerRequestMetrics micrometerRequestMetrics(MeterRegistry meters) {
		return new MicrometerRequestMetrics(meters);
	}

}
