package dev.bulwark.order.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * Remembers which order an {@code Idempotency-Key} created, and for which request body. {@code expiresAt} (epoch
 * seconds) is the table's TTL attribute.
 */
@DynamoDbBean
public class IdempotencyItem {

	static final String TTL_ATTRIBUTE = "expiresAt";

	private String scopedKey = "";

	private String orderId = "";

	private String requestFingerprint = "";

	private long expiresAt;

	@DynamoDbPartitionKey
	public String getScopedKey() {
		return this.scopedKey;
	}

	public void setScopedKey(String scopedKey) {
		this.scopedKey = scopedKey;
	}

	public String getOrderId() {
		return this.orderId;
	}

	public void setOrderId(String orderId) {
		this.orderId = orderId;
	}

	public String getRequestFingerprint() {
		return this.requestFingerprint;
	}

	public void setRequestFingerprint(String requestFingerprint) {
		this.requestFingerprint = requestFingerprint;
	}

	public long getExpiresAt() {
		return this.expiresAt;
	}

	public void setExpiresAt(long expiresAt) {
		this.expiresAt = expiresAt;
	}

}
