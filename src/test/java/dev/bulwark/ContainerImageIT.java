package dev.bulwark;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile against what the build leaves in {@code target/}: its {@code COPY} must find the Boot jar and
 * nothing else (a second match makes {@code docker build} fail, or copy the wrong jar).
 */
class ContainerImageIT {

	private static final Pattern COPY = Pattern.compile("(?m)^COPY (target/\\S+) (\\S+)$");

	@Test
	void dockerfileCopiesTheBootJarAlone() throws IOException {
		Matcher copy = COPY.matcher(Files.readString(Path.of("Dockerfile")));
		assertThat(copy.find()).as("a COPY of a build output").isTrue();
		PathMatcher source = FileSystems.getDefault().getPathMatcher("glob:" + copy.group(1));

		List<Path> matches;
		try (Stream<Path> built = Files.walk(Path.of("target"))) {
			matches = built.filter(source::matches).toList();
		}

		assertThat(matches).hasSize(1);
		try (ZipFile jar = new ZipFile(matches.get(0).toFile())) {
			assertThat(jar.getEntry("BOOT-INF/classes/application.yml")).isNotNull();
		}
	}

}
