package dev.bulwark.lambda;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the Lambda function's metrics go in CloudWatch.
 *
 * @param namespace the metrics' namespace; the template gives each stack its own ({@code Bulwark/<stack>}), so
 * that the alarms of one deployment never count another's requests
 */
@Validated
@ConfigurationProperties("bulwark.cloudwatch")
record CloudWatchProperties(
		@DefaultValue("Bulwark") @Pattern(regexp = "[A-Za-z0-9.\\-_/#:]{1,255}",
				message = "must be 1 to 255 of A-Z a-z 0-9 . - _ / # :, as CloudWatch allows") String namespace) {

}
