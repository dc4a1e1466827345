package dev.bulwark.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.bulwark.order.CatalogProperties.Product;
import dev.bulwark.security.CallerAuthentication;
import dev.bulwark.security.CallerTiers;
import dev.bulwark.security.Callers;
import dev.bulwark.security.Roles;
import dev.bulwark.security.StepUpPolicy;
import dev.bulwark.security.StepUpProperties;
import dev.bulwark.security.StepUpRequiredException;
import dev.bulwark.security.SystemPrincipal;
import dev.bulwark.support.TestJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules {@link OrderService} owns: ownership, the order life cycle, prices from the catalog, idempotent
 * placement, listing and the expiry job. The service runs against {@link InMemoryOrderRepository} and a real
 * {@link Catalog}; the caller comes from Spring Security's context, as in the application, as a JWT
 * authentication with the {@code ROLE_*} authorities that Keycloak's client roles map to.
 * <p>
 * There is no Spring proxy here, so neither method security ({@code @PreAuthorize}: which role may call which
 * method at all) nor method validation applies. {@code FunctionMethodSecurityIT} and the HTTP integration tests
 * prove those; these tests prove what the service decides itself once a call is let in.
 */
class OrderServiceTests {

	private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

	private static final Duration MAX_PENDING_AGE = Duration.ofHours(24);

	private static final int MAX_ORDERS_PER_RUN = 3;

	private static final String ALICE = "subject-of-alice";

	private static final String BOB = "subject-of-bob";

	private static final String STAFF = "subject-of-staff";

	private static final ShippingAddress ADDRESS = new ShippingAddress("Alice Customer", "1 Main Street", null,
			"Lisbon", "1000-001", "PT");

	/** Prices configured without their minor units, as a catalog may be; orders must still carry them. */
	/** Orders over 500 need a sign-in with the second factor, as configured. */
	private static final StepUpPolicy STEP_UP = new StepUpPolicy(new StepUpProperties(
			Map.of("password", 1, "mfa", 2), List.of(),
			new StepUpProperties.LargeOrder(new BigDecimal("500.00"), "mfa", null)));

	private static final Catalog CATALOG = new Catalog(new CatalogProperties("EUR",
			List.of(new Product("BLW-MUG", "Bulwark mug", new BigDecimal("12.5")),
					new Product("BLW-STICKERS", "Sticker pack", new BigDecimal("3.2")),
					new Product("BLW-CAP", "Bulwark cap", new BigDecimal("18.90")))));

	private final InMemoryOrderRepository repository = new InMemoryOrderRepository();

	private final List<Object> events = new ArrayList<>();

	private final OrderService orders = service(this.repository, this.events::add);

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void orderOverTheLimitNeedsASignInWithTheSecondFactor() {
		signIn(ALICE, Roles.CUSTOMER);

		assertThatExceptionOfType(StepUpRequiredException.class).isThrownBy(() -> this.orders.place(mugs(41), "big"))
			.satisfies(refused -> assertThat(refused.challenge().acrValues()).isEqualTo("mfa"));
		assertThat(this.repository.findByCustomer(ALICE, 10, null).items()).isEmpty();
		assertThat(this.events).isEmpty();
	}

	@Test
	void orderOverTheLimitIsPlacedAfterASignInWithTheSecondFactor() {
		signInWithMfa(ALICE, Roles.CUSTOMER);

		assertThat(this.orders.place(mugs(41), null).order().total()).isEqualTo(new BigDecimal("512.50"));
	}

	@Test
	void orderAtTheLimitNeedsNothingMore() {
		signIn(ALICE, Roles.CUSTOMER);

		assertThat(this.orders.place(mugs(40), null).order().total()).isEqualTo(new BigDecimal("500.00"));
	}

	@Test
	void placedOrderIsPricedFromTheCatalogAndBelongsToTheCaller() {
		signIn(ALICE, Roles.CUSTOMER);

		PlacedOrder placed = this.orders.place(mugsAndStickers("Leave at the door"), null);

		Order order = placed.order();
		assertThat(placed.replayed()).isFalse();
		assertThat(UUID.fromString(order.id())).hasToString(order.id());
		assertThat(order.customerId()).isEqualTo(ALICE);
		assertThat(order.status()).isEqualTo(OrderStatus.PENDING);
		assertThat(order.items()).containsExactly(
				new OrderLine("BLW-MUG", "Bulwark mug", 3, new BigDecimal("12.50"), new BigDecimal("37.50")),
				new OrderLine("BLW-STICKERS", "Sticker pack", 2, new BigDecimal("3.20"), new BigDecimal("6.40")));
		assertThat(order.total()).isEqualTo(new BigDecimal("43.90"));
		assertThat(order.currency()).isEqualTo("EUR");
		assertThat(order.shippingAddress()).isEqualTo(ADDRESS);
		assertThat(order.note()).isEqualTo("Leave at the door");
		assertThat(order.createdAt()).isEqualTo(NOW);
		assertThat(order.updatedAt()).isEqualTo(NOW);
		assertThat(storedOrders()).singleElement().usingRecursiveComparison().ignoringFields("version").isEqualTo(order);
		assertThat(this.events).containsExactly(new OrderEvent.Placed(order.id(), ALICE, false));
	}

	@Test
	void orderNamingAProductNotInTheCatalogIsRejectedAndNothingIsStored() {
		signIn(ALICE, Roles.CUSTOMER);
		PlaceOrder withUnknownProduct = new PlaceOrder(
				List.of(new PlaceOrder.Item("BLW-MUG", 1), new PlaceOrder.Item("BLW-MOON", 1)), ADDRESS, null);

		assertThatExceptionOfType(UnknownProductException.class)
			.isThrownBy(() -> this.orders.place(withUnknownProduct, null))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("items[1].sku"));
		assertThat(storedOrders()).isEmpty();
		assertThat(this.events).isEmpty();
	}

	@Test
	void placingWithoutAnAccessTokenIsRefusedAndNothingIsStored() {
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> this.orders.place(mugsAndStickers(null), null));
		assertThat(storedOrders()).isEmpty();
		assertThat(this.events).isEmpty();
	}

	@Test
	void sameOrderPlacedTwiceWithoutAKeyIsTwoOrders() {
		signIn(ALICE, Roles.CUSTOMER);

		PlacedOrder first = this.orders.place(mugsAndStickers(null), null);
		PlacedOrder second = this.orders.place(mugsAndStickers(null), null);

		assertThat(second.replayed()).isFalse();
		assertThat(storedOrders()).extracting(Order::id).containsExactly(first.order().id(), second.order().id());
	}

	@Test
	void retryWithTheSameKeyAndBodyReturnsTheOriginalOrderAsReplayed() {
		signIn(ALICE, Roles.CUSTOMER);
		PlacedOrder first = this.orders.place(mugsAndStickers("first"), "key-1");

		PlacedOrder retry = this.orders.place(mugsAndStickers("first"), "key-1");

		assertThat(first.replayed()).isFalse();
		assertThat(retry.replayed()).isTrue();
		assertThat(retry.order().id()).isEqualTo(first.order().id());
		assertThat(retry.order()).usingRecursiveComparison().ignoringFields("version").isEqualTo(first.order());
		assertThat(storedOrders()).extracting(Order::id).containsExactly(first.order().id());
		assertThat(this.events).containsExactly(new OrderEvent.Placed(first.order().id(), ALICE, false),
				new OrderEvent.Placed(first.order().id(), ALICE, true));
	}

	@Test
	void keyReusedWithADifferentBodyIsRejectedAndNothingIsStored() {
		signIn(ALICE, Roles.CUSTOMER);
		PlacedOrder first = this.orders.place(mugsAndStickers("first"), "key-1");

		assertThatExceptionOfType(IdempotencyKeyReusedException.class)
			.isThrownBy(() -> this.orders.place(mugsAndStickers("second"), "key-1"));
		assertThat(storedOrders()).extracting(Order::id).containsExactly(first.order().id());
		assertThat(this.events).containsExactly(new OrderEvent.Placed(first.order().id(), ALICE, false));
	}

	@Test
	void keyUsedByAnotherCustomerPlacesANewOrder() {
		signIn(ALICE, Roles.CUSTOMER);
		PlacedOrder alices = this.orders.place(mugsAndStickers(null), "key-1");
		signIn(BOB, Roles.CUSTOMER);

		PlacedOrder bobs = this.orders.place(mugsAndStickers(null), "key-1");

		assertThat(bobs.replayed()).isFalse();
		assertThat(bobs.order().customerId()).isEqualTo(BOB);
		assertThat(bobs.order().id()).isNotEqualTo(alices.order().id());
		assertThat(storedOrders()).hasSize(2);
	}

	@Test
	void retryAfterTheOriginalOrderWasDeletedIsAConflict() {
		signIn(ALICE, Roles.CUSTOMER);
		PlacedOrder first = this.orders.place(mugsAndStickers(null), "key-1");
		this.repository.delete(first.order().id());

		assertConflict(() -> this.orders.place(mugsAndStickers(null), "key-1"),
				"The order created with this Idempotency-Key no longer exists.");
		assertThat(storedOrders()).isEmpty();
	}

	@Test
	void customerReadsOwnOrder() {
		Order alices = stored(ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(1)));
		signIn(ALICE, Roles.CUSTOMER);

		assertThat(this.orders.get(alices.id())).isEqualTo(alices);
	}

	@Test
	void customerCannotReadAnotherCustomersOrder() {
		Order alices = stored(ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(1)));
		signIn(BOB, Roles.CUSTOMER);

		assertNotFound(() -> this.orders.get(alices.id()));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { Roles.FULFILLMENT, Roles.ADMIN, Roles.ORDERS_READ })
	void staffRoleReadsAnyCustomersOrder(String role) {
		Order alices = stored(ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(1)));
		signIn(STAFF, role);

		assertThat(this.orders.get(alices.id())).isEqualTo(alices);
	}

	@Test
	void readingAnOrderThatDoesNotExistIsNotFound() {
		signIn(STAFF, Roles.ADMIN);

		assertNotFound(() -> this.orders.get(UUID.randomUUID().toString()));
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(names = { "PENDING", "CONFIRMED" })
	void customerCancelsOwnOrderBeforeItShips(OrderStatus status) {
		Order alices = stored(ALICE, status, NOW.minus(Duration.ofHours(1)));
		signIn(ALICE, Roles.CUSTOMER);

		Order cancelled = this.orders.cancel(alices.id());

		assertThat(cancelled.id()).isEqualTo(alices.id());
		assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(cancelled.updatedAt()).isEqualTo(NOW);
		assertThat(this.repository.findById(alices.id())).contains(cancelled);
		assertThat(cancelled.version()).isEqualTo(alices.version() + 1);
		assertThat(this.events).containsExactly(new OrderEvent.Cancelled(alices.id(), ALICE, status));
	}

	@ParameterizedTest(name = "{0}")
	@EnumSource(names = { "SHIPPED", "DELIVERED", "CANCELLED" })
	void orderThatHasShippedOrEndedCannotBeCancelled(OrderStatus status) {
		Order alices = stored(ALICE, status, NOW.minus(Duration.ofHours(1)));
		signIn(ALICE, Roles.CUSTOMER);

		assertConflict(() -> this.orders.cancel(alices.id()),
				"An order that is " + status + " cannot become CANCELLED.");
		assertThat(this.repository.findById(alices.id())).contains(alices);
		assertThat(this.events).isEmpty();
	}

	@Test
	void customerCannotCancelAnotherCustomersOrder() {
		Order alices = stored(ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(1)));
		signIn(BOB, Roles.CUSTOMER);

		assertNotFound(() -> this.orders.cancel(alices.id()));
		assertThat(this.repository.findById(alices.id())).contains(alices);
		assertThat(this.events).isEmpty();
	}

	@Test
	void adminCancelsAnyCustomersOrder() {
		Order alices = stored(ALICE, OrderStatus.CONFIRMED, NOW.minus(Duration.ofHours(1)));
		signIn(STAFF, Roles.ADMIN);

		Order cancelled = this.orders.cancel(alices.id());

		assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(this.repository.findById(alices.id())).contains(cancelled);
		assertThat(this.events).containsExactly(new OrderEvent.Cancelled(alices.id(), STAFF, OrderStatus.CONFIRMED));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { Roles.FULFILLMENT, Roles.ORDERS_READ })
	void staffRoleThatReadsEveryOrderStillCannotCancelAnotherCustomersOrder(String role) {
		Order alices = stored(ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(1)));
		signIn(STAFF, role);

		assertNotFound(() -> this.orders.cancel(alices.id()));
		assertThat(this.repository.findById(alices.id())).contains(alices);
	}

	@Test
	void fulfillmentMovesAnOrderThroughTheLifeCycle() {
		// Given a pending order
		Order alices = stored(ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(1)));
		signIn(STAFF, Roles.FULFILLMENT);

		// When fulfillment confirms, ships and delivers it
		Order confirmed = this.orders.changeStatus(alices.id(), new StatusChange(OrderStatus.CONFIRMED));
		Order shipped = this.orders.changeStatus(alices.id(), new StatusChange(OrderStatus.SHIPPED));
		Order delivered = this.orders.changeStatus(alices.id(), new StatusChange(OrderStatus.DELIVERED));

		// Then each step is stored, as a new version, at the time it was made
		assertThat(List.of(confirmed, shipped, delivered)).extracting(Order::status)
			.containsExactly(OrderStatus.CONFIRMED, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
		assertThat(List.of(confirmed, shipped, delivered)).extracting(Order::version)
			.containsExactly(alices.version() + 1, alices.version() + 2, alices.version() + 3);
		assertThat(delivered.updatedAt()).isEqualTo(NOW);
		assertThat(this.repository.findById(alices.id())).contains(delivered);
		assertThat(this.events).containsExactly(
				new OrderEvent.StatusChanged(alices.id(), STAFF, OrderStatus.PENDING, OrderStatus.CONFIRMED),
				new OrderEvent.StatusChanged(alices.id(), STAFF, OrderStatus.CONFIRMED, OrderStatus.SHIPPED),
				new OrderEvent.StatusChanged(alices.id(), STAFF, OrderStatus.SHIPPED, OrderStatus.DELIVERED));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "PENDING, SHIPPED", "PENDING, DELIVERED", "PENDING, PENDING", "CONFIRMED, PENDING",
			"CONFIRMED, DELIVERED", "SHIPPED, CONFIRMED", "SHIPPED, CANCELLED", "DELIVERED, SHIPPED",
			"CANCELLED, CONFIRMED" })
	void illegalStatusChangeIsAConflictAndChangesNothing(OrderStatus from, OrderStatus to) {
		Order alices = stored(ALICE, from, NOW.minus(Duration.ofHours(1)));
		signIn(STAFF, Roles.FULFILLMENT);

		assertConflict(() -> this.orders.changeStatus(alices.id(), new StatusChange(to)),
				"An order that is " + from + " cannot become " + to + ".");
		assertThat(this.repository.findById(alices.id())).contains(alices);
		assertThat(this.events).isEmpty();
	}

	@Test
	void changingTheStatusOfAnOrderThatDoesNotExistIsNotFound() {
		signIn(STAFF, Roles.FULFILLMENT);

		assertNotFound(
				() -> this.orders.changeStatus(UUID.randomUUID().toString(), new StatusChange(OrderStatus.CONFIRMED)));
	}

	@Test
	void adminDeletesAnOrder() {
		Order alices = stored(ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(1)));
		signIn(STAFF, Roles.ADMIN);

		this.orders.delete(alices.id());

		assertThat(this.repository.findById(alices.id())).isEmpty();
		assertThat(this.events).containsExactly(new OrderEvent.Deleted(alices.id(), STAFF));
	}

	@Test
	void deletingAnOrderThatDoesNotExistIsNotFound() {
		signIn(STAFF, Roles.ADMIN);

		assertNotFound(() -> this.orders.delete(UUID.randomUUID().toString()));
		assertThat(this.events).isEmpty();
	}

	@Test
	void customerListsOnlyOwnOrdersNewestFirst() {
		Order alicesOldest = stored(ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(3)));
		stored(BOB, OrderStatus.PENDING, NOW.minus(Duration.ofMinutes(150)));
		Order alicesMiddle = stored(ALICE, OrderStatus.DELIVERED, NOW.minus(Duration.ofHours(2)));
		Order alicesNewest = stored(ALICE, OrderStatus.CANCELLED, NOW.minus(Duration.ofHours(1)));
		stored(BOB, OrderStatus.PENDING, NOW.minus(Duration.ofMinutes(30)));
		signIn(ALICE, Roles.CUSTOMER);

		OrderPage page = this.orders.list(new OrderQuery(10, null));

		assertThat(page.items()).containsExactly(alicesNewest, alicesMiddle, alicesOldest);
		assertThat(page.next()).isNull();
	}

	@Test
	void customerPagesThroughOwnOrdersWithinTheLimit() {
		// Given three orders of Alice's, and Bob's newer than all of them
		Order alicesOldest = stored(ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(3)));
		Order alicesMiddle = stored(ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(2)));
		Order alicesNewest = stored(ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(1)));
		stored(BOB, OrderStatus.PENDING, NOW.minus(Duration.ofMinutes(30)));
		signIn(ALICE, Roles.CUSTOMER);

		// When Alice lists them two at a time
		OrderPage first = this.orders.list(new OrderQuery(2, null));
		OrderPage second = this.orders.list(new OrderQuery(2, first.next()));

		// Then she gets her own orders, two and then the last one
		assertThat(first.items()).containsExactly(alicesNewest, alicesMiddle);
		assertThat(first.next()).isNotNull();
		assertThat(second.items()).containsExactly(alicesOldest);
		assertThat(second.next()).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { Roles.FULFILLMENT, Roles.ADMIN, Roles.ORDERS_READ })
	void staffRoleListsEveryCustomersOrders(String role) {
		Order alicesFirst = stored(ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(2)));
		Order bobs = stored(BOB, OrderStatus.CONFIRMED, NOW.minus(Duration.ofHours(1)));
		Order alicesSecond = stored(ALICE, OrderStatus.SHIPPED, NOW.minus(Duration.ofMinutes(30)));
		signIn(STAFF, role);

		OrderPage page = this.orders.list(new OrderQuery(10, null));

		assertThat(page.items()).containsExactlyInAnyOrder(alicesFirst, bobs, alicesSecond);
		assertThat(page.next()).isNull();
	}

	@Test
	void staffListingReturnsAtMostTheRequestedNumberOfOrders() {
		Order alicesFirst = stored(ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(2)));
		Order bobs = stored(BOB, OrderStatus.CONFIRMED, NOW.minus(Duration.ofHours(1)));
		Order alicesSecond = stored(ALICE, OrderStatus.SHIPPED, NOW.minus(Duration.ofMinutes(30)));
		signIn(STAFF, Roles.ORDERS_READ);

		OrderPage first = this.orders.list(new OrderQuery(2, null));
		OrderPage second = this.orders.list(new OrderQuery(2, first.next()));

		assertThat(first.items()).hasSize(2);
		assertThat(second.items()).hasSize(1);
		assertThat(second.next()).isNull();
		assertThat(Stream.concat(first.items().stream(), second.items().stream()))
			.containsExactlyInAnyOrder(alicesFirst, bobs, alicesSecond);
	}

	@Test
	void expiryCancelsOnlyPendingOrdersPlacedBeforeTheCutoff() {
		// Given a schedule that fired an hour before this (retried) run, and orders on both sides of its cutoff
		Instant fired = NOW.minus(Duration.ofHours(1));
		Order stale = stored(ALICE, OrderStatus.PENDING, fired.minus(Duration.ofHours(25)));
		Order fresh = stored(ALICE, OrderStatus.PENDING, fired.minus(Duration.ofHours(23)));
		Order staleOnlyByTheClock = stored(BOB, OrderStatus.PENDING, NOW.minus(MAX_PENDING_AGE).minus(Duration.ofMinutes(30)));
		Order staleButConfirmed = stored(BOB, OrderStatus.CONFIRMED, fired.minus(Duration.ofHours(48)));

		// When the expiry job runs
		ExpiryReport report = asTheExpiryJob(() -> this.orders.expirePending(scheduledAt(fired)));

		// Then only the pending order older than the maximum age, as of when the schedule fired, is cancelled
		assertThat(report).isEqualTo(new ExpiryReport(fired.minus(MAX_PENDING_AGE), 1, 0));
		Order expired = this.repository.findById(stale.id()).orElseThrow();
		assertThat(expired.status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(expired.updatedAt()).isEqualTo(NOW);
		assertThat(this.repository.findById(fresh.id())).contains(fresh);
		assertThat(this.repository.findById(staleOnlyByTheClock.id())).contains(staleOnlyByTheClock);
		assertThat(this.repository.findById(staleButConfirmed.id())).contains(staleButConfirmed);
		assertThat(this.events).containsExactly(new OrderEvent.Expired(stale.id(), "system:" + Roles.ORDER_EXPIRY));
	}

	@Test
	void expiryCancelsAtMostTheConfiguredNumberOfOrdersPerRunOldestFirst() {
		// Given more stale pending orders than one run may cancel
		List<Order> stale = List.of(stored(ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(30))),
				stored(BOB, OrderStatus.PENDING, NOW.minus(Duration.ofHours(29))),
				stored(ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(28))),
				stored(BOB, OrderStatus.PENDING, NOW.minus(Duration.ofHours(27))),
				stored(ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(26))));

		// When the job runs once
		ExpiryReport firstRun = asTheExpiryJob(() -> this.orders.expirePending(scheduledAt(NOW)));

		// Then it cancels the oldest ones up to the limit and leaves the rest for the next run
		assertThat(firstRun.expired()).isEqualTo(MAX_ORDERS_PER_RUN);
		assertThat(stale).extracting(this::statusOf)
			.containsExactly(OrderStatus.CANCELLED, OrderStatus.CANCELLED, OrderStatus.CANCELLED, OrderStatus.PENDING,
					OrderStatus.PENDING);

		// And the next run cancels the rest
		ExpiryReport secondRun = asTheExpiryJob(() -> this.orders.expirePending(scheduledAt(NOW)));

		assertThat(secondRun.expired()).isEqualTo(2);
		assertThat(stale).extracting(this::statusOf).containsOnly(OrderStatus.CANCELLED);
	}

	@Test
	void expiryLeavesAnOrderThatChangedAfterItWasReadAndCountsItSkipped() {
		// Given two stale pending orders, the older confirmed by fulfillment just after the job has read it
		InMemoryOrderRepository racing = new InMemoryOrderRepository() {

			@Override
			public List<Order> findPendingPlacedBefore(Instant cutoff, int limit) {
				List<Order> due = super.findPendingPlacedBefore(cutoff, limit);
				update(due.get(0).withStatus(OrderStatus.CONFIRMED, NOW));
				return due;
			}

		};
		Order confirmedMeanwhile = stored(racing, ALICE, OrderStatus.PENDING, NOW.minus(Duration.ofHours(30)));
		Order stale = stored(racing, BOB, OrderStatus.PENDING, NOW.minus(Duration.ofHours(26)));

		// When the expiry job runs
		ExpiryReport report = asTheExpiryJob(() -> service(racing, this.events::add).expirePending(scheduledAt(NOW)));

		// Then the confirmation stands, and the other order is cancelled
		assertThat(report).isEqualTo(new ExpiryReport(NOW.minus(MAX_PENDING_AGE), 1, 1));
		assertThat(racing.findById(confirmedMeanwhile.id())).get()
			.extracting(Order::status)
			.isEqualTo(OrderStatus.CONFIRMED);
		assertThat(racing.findById(stale.id())).get().extracting(Order::status).isEqualTo(OrderStatus.CANCELLED);
		assertThat(this.events).containsExactly(new OrderEvent.Expired(stale.id(), "system:" + Roles.ORDER_EXPIRY));
	}

	private static OrderService service(OrderRepository repository, ApplicationEventPublisher events) {
		return new OrderService(repository, CATALOG, new Callers(), STEP_UP, TestJson.MAPPER,
				new OrderExpiryProperties(MAX_PENDING_AGE, MAX_ORDERS_PER_RUN), Clock.fixed(NOW, ZoneOffset.UTC),
				events);
	}

	/**
	 * Authenticates the current thread as the application does for a Keycloak access token with these client
	 * roles.
	 */
	private static void signIn(String subject, String... roles) {
		signIn(Map.of("acr", "password"), subject, roles);
	}

	private static void signInWithMfa(String subject, String... roles) {
		signIn(Map.of("acr", "mfa", "auth_time", NOW.getEpochSecond()), subject, roles);
	}

	private static void signIn(Map<String, Object> authentication, String subject, String... roles) {
		Jwt jwt = Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject(subject)
			.claim("azp", "bulwark-web")
			.claims(claims -> claims.putAll(authentication))
			.issuedAt(NOW)
			.expiresAt(NOW.plus(Duration.ofMinutes(5)))
			.build();
		List<GrantedAuthority> authorities = Arrays.stream(roles)
			.<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
			.toList();
		SecurityContextHolder.getContext()
			.setAuthentication(new CallerAuthentication(jwt, authorities, (token, tokenRoles) -> CallerTiers.DEFAULT));
	}

	private static PlaceOrder mugs(int quantity) {
		return new PlaceOrder(List.of(new PlaceOrder.Item("BLW-MUG", quantity)), ADDRESS, null);
	}

	private static PlaceOrder mugsAndStickers(@Nullable String note) {
		return new PlaceOrder(List.of(new PlaceOrder.Item("BLW-MUG", 3), new PlaceOrder.Item("BLW-STICKERS", 2)),
				ADDRESS, note);
	}

	private Order stored(String customerId, OrderStatus status, Instant createdAt) {
		return stored(this.repository, customerId, status, createdAt);
	}

	/**
	 * Stores an order directly, as if placed (and moved to the status) earlier.
	 */
	private static Order stored(OrderRepository repository, String customerId, OrderStatus status, Instant createdAt) {
		Order order = new Order(UUID.randomUUID().toString(), customerId, status,
				List.of(new OrderLine("BLW-CAP", "Bulwark cap", 1, new BigDecimal("18.90"), new BigDecimal("18.90"))),
				new BigDecimal("18.90"), "EUR", ADDRESS, null, createdAt, createdAt, 0);
		repository.insert(order);
		return repository.findById(order.id()).orElseThrow();
	}

	private List<Order> storedOrders() {
		return this.repository.findAll(100, null).items();
	}

	private OrderStatus statusOf(Order order) {
		return this.repository.findById(order.id()).orElseThrow().status();
	}

	/**
	 * As the scheduled job runs: as the system principal with the expiry role alone.
	 */
	private static <T> T asTheExpiryJob(Supplier<T> work) {
		return SystemPrincipal.runAs(Roles.ORDER_EXPIRY, work);
	}

	private static ExpiryTrigger scheduledAt(Instant time) {
		return new ExpiryTrigger("0", UUID.randomUUID().toString(), "Scheduled Event", "aws.events", "123456789012",
				time, "eu-central-1", List.of("arn:aws:events:eu-central-1:123456789012:rule/bulwark-expiry"), Map.of());
	}

	private static void assertNotFound(ThrowingCallable call) {
		assertThatExceptionOfType(OrderNotFoundException.class).isThrownBy(call);
	}

	private static void assertConflict(ThrowingCallable call, String message) {
		assertThatExceptionOfType(OrderConflictException.class).isThrownBy(call).withMessage(message);
	}

}
