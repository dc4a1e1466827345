package dev.bulwark.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP limits.
 *
 * @param maxRequestBodySize larger request bodies are refused with 413 before anything reads them
 */
@ConfigurationProperties("bulwark.web")
record WebProperties(@DefaultValue("16KB") DataSize maxRequestBodySize) {
}
