package dev.bulwark.support;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.jspecify.annotations.Nullable;

/**
 * The context Lambda hands a function, for one invocation: a fresh request id, as Lambda gives each.
 */
public final class TestLambdaContext implements Context {

	private final String requestId = UUID.randomUUID().toString();

	@Override
	public String getAwsRequestId() {
		return this.requestId;
	}

	@Override
	public String getLogGroupName() {
		return "/aws/lambda/bulwark-api";
	}

	@Override
	public String getLogStreamName() {
		return "2026/11/30/[$LATEST]test";
	}

	@Override
	public String getFunctionName() {
		return "bulwark-api";
	}

	@Override
	public String getFunctionVersion() {
		return "$LATEST";
	}

	@Override
	public String getInvokedFunctionArn() {
		return "arn:aws:lambda:eu-central-1:123456789012:function:bulwark-api";
	}

	@Override
	public @Nullable CognitoIdentity getIdentity() {
		return null;
	}

	@Override
	public @Nullable ClientContext getClientContext() {
		return null;
	}

	@Override
	public int getRemainingTimeInMillis() {
		return 30_000;
	}

	@Override
	public int getMemoryLimitInMB() {
		return 1024;
	}

	@Override
	public LambdaLogger getLogger() {
		return new LambdaLogger() {

			@Override
			public void log(String message) {
				System.out.print(message);
			}

			@Override
			public void log(byte[] message) {
				System.out.print(new String(message, StandardCharsets.UTF_8));
			}

		};
	}

}
