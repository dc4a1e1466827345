package dev.bulwark.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.springframework.util.FileSystemUtils;

import dev.bulwark.lambda.TrainingRun;

/**
 * Records the Lambda package's class-data archive and adds it to the package: unpacks the package, runs
 * {@link TrainingRun} on it with {@code -XX:ArchiveClassesAtExit} (the template's JVM options, the package's jars
 * by name as the class path, nothing reachable as issuer or DynamoDB, since priming needs neither), and writes the
 * package again with {@value PackagedLambda#CLASS_DATA_ARCHIVE} at its root. Run by the build right after the
 * package is assembled.
 *
 * <p>The archive holds the classes as this JVM parsed and verified them, and is used only by the same JVM build
 * with the same class path (paths, sizes and modification times of the jars); any other JVM ignores it, or with
 * {@code -Xshare:on} refuses to start.
 */
public final class ClassDataArchive {

	private ClassDataArchive() {
	}

	public static void main(String[] args) throws Exception {
		Path work = Path.of(args[0]);
		FileSystemUtils.deleteRecursively(work);
		Path unpacked = PackagedLambda.unpack(work.resolve("package"));
		List<String> command = List.of(PackagedLambda.java(), "-XX:ArchiveClassesAtExit=" + PackagedLambda.CLASS_DATA_ARCHIVE,
				"-cp", PackagedLambda.classPath(unpacked), TrainingRun.class.getName());
		Path log = work.resolve("training.log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(unpacked.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().clear();
		builder.environment()
			.putAll(Map.of("JAVA_TOOL_OPTIONS", PackagedLambda.templateJvmOptions(), "BULWARK_ISSUER_URI",
					"http://127.0.0.1:9/realms/training", "BULWARK_DYNAMODB_ENDPOINT", "http://127.0.0.1:9",
					"BULWARK_DYNAMODB_REGION", "eu-central-1", "BULWARK_RATELIMIT_FLEET_ENABLED", "true",
					"AWS_ACCESS_KEY_ID", "training", "AWS_SECRET_ACCESS_KEY", "training", "MAIN_CLASS",
					"dev.bulwark.BulwarkApplication"));
		Process training = builder.start();
		if (!training.waitFor(3, TimeUnit.MINUTES) || training.exitValue() != 0) {
			training.destroyForcibly();
			throw new IllegalStateException("The training run failed:\n" + Files.readString(log));
		}
		addToPackage(unpacked.resolve(PackagedLambda.CLASS_DATA_ARCHIVE));
	}

	/**
	 * Writes the package again with the archive added; every other entry keeps its bytes and its time.
	 */
	private static void addToPackage(Path archive) throws IOException {
		Path rewritten = PackagedLambda.ARTIFACT.resolveSibling(PackagedLambda.ARTIFACT.getFileName() + ".tmp");
		try (ZipFile original = new ZipFile(PackagedLambda.ARTIFACT.toFile());
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
			for (ZipEntry entry : original.stream().toList()) {
				ZipEntry copy = new ZipEntry(entry.getName());
				copy.setLastModifiedTime(entry.getLastModifiedTime());
				out.putNextEntry(copy);
				try (InputStream in = original.getInputStream(entry)) {
					in.transferTo(out);
				}
				out.closeEntry();
			}
			ZipEntry added = new ZipEntry(PackagedLambda.CLASS_DATA_ARCHIVE);
			added.setLastModifiedTime(Files.getLastModifiedTime(archive));
			out.putNextEntry(added);
			Files.copy(archive, out);
			out.closeEntry();
		}
		Files.move(rewritten, PackagedLambda.ARTIFACT, StandardCopyOption.REPLACE_EXISTING);
	}

}
