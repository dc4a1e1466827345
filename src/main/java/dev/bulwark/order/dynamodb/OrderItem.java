package dev.bulwark.order.dynamodb;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbConvertedBy;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/**
 * An order as stored in DynamoDB. A mutable public bean because that is what the enhanced client's bean schema
 * maps; the domain never sees it.
 */
@DynamoDbBean
public class OrderItem {

	static final String BY_CUSTOMER = "byCustomer";

	static final String BY_STATUS = "byStatus";

	private String id = "";

	private String customerId = "";

	private String status = "";

	private List<LineItem> items = List.of();

	private BigDecimal total = BigDecimal.ZERO;

	private String currency = "";

	private AddressItem shippingAddress = new AddressItem();

	private @Nullable String note;

	private Instant createdAt = Instant.EPOCH;

	private Instant updatedAt = Instant.EPOCH;

	private @Nullable Long version;

	private @Nullable String writeId;

	@DynamoDbPartitionKey
	public String getId() {
		return this.id;
	}

	public void setId(String id) {
		this.id = id;
	}

	@DynamoDbSecondaryPartitionKey(indexNames = BY_CUSTOMER)
	public String getCustomerId() {
		return this.customerId;
	}

	public void setCustomerId(String customerId) {
		this.customerId = customerId;
	}

	@DynamoDbSecondaryPartitionKey(indexNames = BY_STATUS)
	public String getStatus() {
		return this.status;
	}

	public void setStatus(String status) {
		this.status = status;
	}

	public List<LineItem> getItems() {
		return this.items;
	}

	public void setItems(List<LineItem> items) {
		this.items = items;
	}

	public BigDecimal getTotal() {
		return this.total;
	}

	public void setTotal(BigDecimal total) {
		this.total = total;
	}

	public String getCurrency() {
		return this.currency;
	}

	public void setCurrency(String currency) {
		this.currency = currency;
	}

	public AddressItem getShippingAddress() {
		return this.shippingAddress;
	}

	public void setShippingAddress(AddressItem shippingAddress) {
		this.shippingAddress = shippingAddress;
	}

	public @Nullable String getNote() {
		return this.note;
	}

	public void setNote(@Nullable String note) {
		this.note = note;
	}

	@DynamoDbSecondarySortKey(indexNames = { BY_CUSTOMER, BY_STATUS })
	@DynamoDbConvertedBy(SortableInstantConverter.class)
	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public void setCreatedAt(Instant createdAt) {
		this.createdAt = createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public void setUpdatedAt(Instant updatedAt) {
		this.updatedAt = updatedAt;
	}

	@DynamoDbVersionAttribute
	public @Nullable Long getVersion() {
		return this.version;
	}

	public void setVersion(@Nullable Long version) {
		this.version = version;
	}

	/**
	 * The id of the write that stored this version: a write whose answer was lost can tell its own result from
	 * another writer's.
	 */
	public @Nullable String getWriteId() {
		return this.writeId;
	}

	public void setWriteId(@Nullable String writeId) {
		this.writeId = writeId;
	}

	@DynamoDbBean
	public static class LineItem {

		private String sku = "";

		private String name = "";

		private int quantity;

		private BigDecimal unitPrice = BigDecimal.ZERO;

		private BigDecimal lineTotal = BigDecimal.ZERO;

		public String getSku() {
			return this.sku;
		}

		public void setSku(String sku) {
			this.sku = sku;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public int getQuantity() {
			return this.quantity;
		}

		public void setQuantity(int quantity) {
			this.quantity = quantity;
		}

		public BigDecimal getUnitPrice() {
			return this.unitPrice;
		}

		public void setUnitPrice(BigDecimal unitPrice) {
			this.unitPrice = unitPrice;
		}

		public BigDecimal getLineTotal() {
			return this.lineTotal;
		}

		public void setLineTotal(BigDecimal lineTotal) {
			this.lineTotal = lineTotal;
		}

	}

	@DynamoDbBean
	public static class AddressItem {

		private String name = "";

		private String line1 = "";

		private @Nullable String line2;

		private String city = "";

		private String postalCode = "";

		private String country = "";

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getLine1() {
			return this.line1;
		}

		public void setLine1(String line1) {
			this.line1 = line1;
		}

		public @Nullable String getLine2() {
			return this.line2;
		}

		public void setLine2(@Nullable String line2) {
			this.line2 = line2;
		}

		public String getCity() {
			return this.city;
		}

		public void setCity(String city) {
			this.city = city;
		}

		public String getPostalCode() {
			return this.postalCode;
		}

		public void setPostalCode(String postalCode) {
			this.postalCode = postalCode;
		}

		public String getCountry() {
			return this.country;
		}

		public void setCountry(String country) {
			this.country = country;
		}

	}

}
