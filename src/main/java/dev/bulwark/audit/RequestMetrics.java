package dev.bulwark.audit;

/**
 * Counts and times requests once the audit filter knows what became of them. Every bean of this type is told of
 * every request: Micrometer's in both runtimes, CloudWatch's in Lambda.
 */
public interface RequestMetrics {

	/**
	 * Called on the request's thread when it is done; must be quick and must not fail.
	 */
	void record(AuditedRequest request);

}
