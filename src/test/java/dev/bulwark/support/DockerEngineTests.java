package dev.bulwark.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

class DockerEngineTests {

	@Test
	void askingWhetherADockerEngineAnswersLogsNothing() {
		Logger testcontainers = (Logger) LoggerFactory.getLogger("org.testcontainers");
		Level level = testcontainers.getLevel();
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		testcontainers.addAppender(logged);
		try {
			DockerEngine.answers();
		}
		finally {
			testcontainers.detachAppender(logged);
		}

		assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
		assertThat(testcontainers.getLevel()).isEqualTo(level);
	}

}
