package dev.bulwark.support;

import java.util.Map;

/**
 * A contract test whose applications (the Boot app, through a {@link SettingsOnTop} initializer, and a Lambda
 * handler of their own for each edge) run with {@link #settings()} on top of the shared ones. Each runtime has an
 * application of its own, so that none starts where another's run of the class left off.
 */
public abstract class ReconfiguredContractTest extends ContractTest {

	/** The settings of this class's applications; the same for each call. */
	protected abstract Map<String, String> settings();

	@Override
	protected Transport transport() {
		Transport transport = switch (this.runtime) {
			case BOOT -> new HttpTransport(bootBaseUrl());
			case LAMBDA -> LambdaTransport.httpApi(LocalLambda.handlerWith(settings(), this.runtime.name()));
			case LAMBDA_REST_API -> LambdaTransport.restApi(LocalLambda.handlerWith(settings(), this.runtime.name()));
		};
		return OpenApiContract.shared().checking(transport);
	}

}
