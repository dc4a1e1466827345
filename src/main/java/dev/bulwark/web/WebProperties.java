package dev.bulwark.web;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP limits.
 *
 * @param maxRequestBodySize larger request bodies are refused with 413 before anything reads them
 */
@Validated
@ConfigurationProperties("bulwark.web")
record WebProperties(@DefaultValue("16KB") @NotNull DataSize maxRequestBodySize) {
}
