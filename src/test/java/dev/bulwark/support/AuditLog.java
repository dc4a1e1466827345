package dev.bulwark.support;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

import static org.awaitility.Awaitility.await;

/**
 * The log events of requests, and the audit lines, of the test JVM (both runtimes log here), the latest kept in
 * memory, so that tests can read the story of one request by its {@code X-Request-Id}.
 */
public final class AuditLog {

	public static final String REQUEST_ID = "http.request.id";

	private static final String AUDIT_LOGGER = "bulwark.audit";

	private static final AuditLog SHARED = new AuditLog();

	/** Enough for the requests of any one test, bounded for a whole run of them. */
	private static final int KEPT = 20_000;

	private final Deque<ILoggingEvent> events = new ArrayDeque<>();

	private final Capture capture = new Capture();

	private AuditLog() {
		attach();
	}

	public static AuditLog shared() {
		return SHARED;
	}

	/**
	 * Puts the appender (back) on the root logger: Spring Boot stops and resets Logback whenever an application
	 * starts, which removes every appender and listener it did not configure itself.
	 */
	private void attach() {
		LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
		Logger root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
		synchronized (this.capture) {
			if (root.getAppender(Capture.NAME) == null) {
				this.capture.setContext(logging);
				this.capture.start();
				root.addAppender(this.capture);
			}
		}
	}

	/**
	 * Attaches the appender again once each application in this JVM (the Boot app's, the Lambda handler's) has set
	 * its logging up. Registered in {@code META-INF/spring.factories} of the tests.
	 */
	public static final class Reattach implements ApplicationListener<ApplicationPreparedEvent> {

		@Override
		public void onApplicationEvent(ApplicationPreparedEvent event) {
			SHARED.attach();
		}

	}

	/**
	 * The one audit line of the request ({@code http-request}); waits for it, since a client may have its answer
	 * before the line is written.
	 */
	public Line line(String requestId) {
		return line(requestId, "http-request");
	}

	/**
	 * The one audit line of the request with this action, waited for.
	 */
	public Line line(String requestId, String action) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> auditLines(requestId).stream()
				.filter(line -> action.equals(line.fields().get("event.action")))
				.toList(), lines -> !lines.isEmpty())
			.get(0);
	}

	/**
	 * The audit lines of a request, as many as there are.
	 */
	public List<Line> auditLines(String requestId) {
		return eventsOf(requestId).stream()
			.filter(event -> event.getLoggerName().equals(AUDIT_LOGGER))
			.map(Line::new)
			.toList();
	}

	/**
	 * The audit lines with a field of this value, written for a request or not (by a scheduled job, say).
	 */
	public List<Line> auditLinesWith(String field, String value) {
		synchronized (this.events) {
			return this.events.stream()
				.filter(event -> event.getLoggerName().equals(AUDIT_LOGGER))
				.map(Line::new)
				.filter(line -> value.equals(line.fields().get(field)))
				.toList();
		}
	}

	/**
	 * Every event logged while the request was handled.
	 */
	public List<ILoggingEvent> eventsOf(String requestId) {
		synchronized (this.events) {
			return this.events.stream()
				.filter(event -> requestId.equals(event.getMDCPropertyMap().get(REQUEST_ID)))
				.toList();
		}
	}

	/**
	 * An audit line: its message, its fields and the MDC it was written with.
	 */
	public record Line(String message, Map<String, String> fields, Map<String, String> mdc) {

		private Line(ILoggingEvent event) {
			this(event.getFormattedMessage(), fields(event), event.getMDCPropertyMap());
		}

		public String field(String name) {
			return Optional.ofNullable(this.fields.get(name))
				.orElseThrow(() -> new AssertionError("No field " + name + " in " + this));
		}

		private static Map<String, String> fields(ILoggingEvent event) {
			Map<String, String> fields = new LinkedHashMap<>();
			List<KeyValuePair> pairs = event.getKeyValuePairs();
			if (pairs != null) {
				pairs.forEach(pair -> fields.put(pair.key, String.valueOf(pair.value)));
			}
			return fields;
		}

	}

	private final class Capture extends AppenderBase<ILoggingEvent> {

		static final String NAME = "test-audit-log";

		Capture() {
			setName(NAME);
		}

		@Override
		protected void append(ILoggingEvent event) {
			event.prepareForDeferredProcessing();
			if (!event.getMDCPropertyMap().containsKey(REQUEST_ID) && !event.getLoggerName().equals(AUDIT_LOGGER)) {
				return;
			}
			synchronized (AuditLog.this.events) {
				AuditLog.this.events.addLast(event);
				if (AuditLog.this.events.size() > KEPT) {
					AuditLog.this.events.removeFirst();
				}
			}
		}

	}

}
