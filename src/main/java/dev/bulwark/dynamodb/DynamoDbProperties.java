package dev.bulwark.dynamodb;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which DynamoDB to use. The features' own settings (table names, TTLs) share the prefix but live with the
 * features.
 *
 * @param endpoint a DynamoDB endpoint other than AWS's, e.g. DynamoDB Local; unset in AWS
 * @param region the AWS region; unset means the SDK's default chain ({@code AWS_REGION}, which Lambda sets)
 * @param createTables create missing tables at startup: for local runs only, in AWS the tables are deployed
 */
@Validated
@ConfigurationProperties("bulwark.dynamodb")
record DynamoDbProperties(@Nullable URI endpoint, @Nullable String region, @DefaultValue("false") boolean createTables) {
}
