package dev.bulwark.lambda;

/**
 * Starts the HTTP API's handler, primes it as before a SnapStart snapshot, and exits: a run of the function that
 * loads the classes of construction and of the whole request path without reaching the identity provider or
 * DynamoDB. Run with {@code -XX:ArchiveClassesAtExit=bulwark.jsa}, it records the class-data archive that the
 * build puts into the Lambda package (the same JVM, class path and settings must then run the function for the
 * archive to be used).
 */
public final class TrainingRun {

	private TrainingRun() {
	}

	public static void main(String[] args) throws Exception {
		ApiGatewayHandler handler = new ApiGatewayHandler();
		handler.beforeCheckpoint(null);
		System.exit(0);
	}

}
