package dev.bulwark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jwt.SignedJWT;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;

import dev.bulwark.support.DevRealm;
import dev.bulwark.support.FaultyLink;
import dev.bulwark.support.FaultyLink.Fault;
import dev.bulwark.support.KeycloakServer;
import dev.bulwark.support.LocalDynamoDb;
import dev.bulwark.support.LocalInfrastructure;
import dev.bulwark.support.NewRealmUser;
import dev.bulwark.support.RealmSigner;
import dev.bulwark.support.SettingsOnTop;
import dev.bulwark.support.TestJson;
import dev.bulwark.support.Tokens;
import dev.bulwark.support.Tokens.SignIn;

/**
 * A bounded soak of the Boot app with its dependencies failing in the middle: workers place orders (always with an
 * {@code Idempotency-Key}, and now and then the same request again), list them page by page, read, confirm, ship
 * and cancel them, read everything as the reporting client, and send forged tokens; DynamoDB stalls for 5 s at a
 * third of the run, and Keycloak refuses connections for 10 s at a half. Both are reached through a
 * {@link FaultyLink}. Every order belongs to one worker, so its history is sequential.
 * <p>
 * At the end, once both are back, every placement that got a 503 is retried with its key, and the orders table is
 * reconciled with what the clients were told: every 201 has its order, every order of the run's customers was
 * answered with a 201 and has its idempotency record, no key placed two orders, and each order's status is the
 * last one a client was told. Prints request counts by status, p50 and p99 by operation, the 5xx outside the fault
 * windows, and the reconciliation; exits with 1 if any 5xx fell outside a window or any write was lost or doubled.
 * Run it with {@code bench/soak.sh}; it is a measurement, not a test.
 */
public final class SoakBenchmark {

	private static final int WORKERS = 8;

	private static final int CUSTOMERS = 4;

	private static final String ORDER = """
			{"items":[{"sku":"BLW-MUG","quantity":%d}],
			 "shippingAddress":{"name":"Soak Test","line1":"1 Main Street","city":"Lisbon","postalCode":"1000-001",
			                    "country":"PT"}}
			""";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String baseUrl;

	private final long start = System.nanoTime();

	private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

	private SoakBenchmark(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Exits the JVM either way: Keycloak's and the app's threads would keep it alive.
	 */
	public static void main(String[] args) {
		int seconds = (args.length > 0) ? Integer.parseInt(args[0]) : 60;
		List<NewRealmUser> customers = new ArrayList<>();
		boolean clean = false;
		try {
			FaultyLink dynamoDb = FaultyLink.to(LocalDynamoDb.shared().endpoint());
			FaultyLink keycloak = FaultyLink.to(KeycloakServer.shared().baseUrl());
			String baseUrl = start(dynamoDb, keycloak);
			for (int i = 0; i < CUSTOMERS; i++) {
				customers.add(NewRealmUser.customer());
			}
			clean = new SoakBenchmark(baseUrl).run(seconds, customers, dynamoDb, keycloak);
		}
		catch (Exception ex) {
			ex.printStackTrace(System.out);
		}
		finally {
			customers.forEach(NewRealmUser::close);
		}
		System.exit(clean ? 0 : 1);
	}

	/**
	 * The app as deployed, but for limits no run reaches, keys cached for 2 s and no cache of accepted tokens, so
	 * that Keycloak's outage reaches the key lookup.
	 */
	private static String start(FaultyLink dynamoDb, FaultyLink keycloak) {
		SpringApplication application = new SpringApplication(BulwarkApplication.class);
		Map<String, String> settings = new HashMap<>();
		settings.put("bulwark.dynamodb.endpoint", dynamoDb.url());
		settings.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
				keycloak.url() + "/realms/" + DevRealm.NAME + "/protocol/openid-connect/certs");
		settings.put("bulwark.security.jwks-cache-ttl", "2s");
		settings.put("bulwark.security.jwks-min-refresh-interval", "1s");
		settings.put("bulwark.security.token-cache.max-entries", "0");
		settings.put("bulwark.rate-limit.fleet.enabled", "true");
		settings.put("bulwark.rate-limit.tiers.default.limit", "1000000");
		settings.put("bulwark.rate-limit.tiers.reporting.limit", "1000000");
		settings.put("bulwark.rate-limit.routes[0].method", "POST");
		settings.put("bulwark.rate-limit.routes[0].path", "/orders");
		settings.put("bulwark.rate-limit.routes[0].tiers.default.limit", "1000000");
		settings.put("bulwark.rate-limit.routes[0].tiers.default.period", "1m");
		settings.put("bulwark.rate-limit.unauthenticated.limit", "1000000");
		// After the local infrastructure's settings, so that the links replace its endpoints.
		application.addInitializers(new LocalInfrastructure(), new SettingsOnTop(settings) {
		});
		WebServerApplicationContext context = (WebServerApplicationContext) application.run("--server.port=0",
				"--logging.level.root=WARN");
		return "http://localhost:" + context.getWebServer().getPort();
	}

	private boolean run(int seconds, List<NewRealmUser> customers, FaultyLink dynamoDb, FaultyLink keycloak)
			throws Exception {
		Tokens tokens = Tokens.shared();
		List<String> customerTokens = customers.stream()
			.map(customer -> tokens.signIn(customer.person(), SignIn.withPassword()).get("access_token").asString())
			.toList();
		String fulfillment = tokens.user("carol");
		String reporting = tokens.client(DevRealm.REPORTING_CLIENT);
		Windows windows = new Windows(seconds);
		ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
		List<Worker> workers = new ArrayList<>();
		for (int i = 0; i < WORKERS; i++) {
			Worker worker = new Worker(customerTokens.get(i % CUSTOMERS), fulfillment, reporting);
			workers.add(worker);
			pool.submit(() -> worker.run(seconds));
		}
		sleepUntil(windows.dynamoDbStall());
		dynamoDb.inject(Fault.STALL);
		sleepUntil(windows.dynamoDbStall() + 5);
		dynamoDb.heal();
		sleepUntil(windows.keycloakDown());
		keycloak.inject(Fault.REFUSE);
		sleepUntil(windows.keycloakDown() + 10);
		keycloak.heal();
		pool.shutdown();
		pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
		report(windows);
		return reconcile(workers, customerTokens, windows);
	}

	private void report(Windows windows) {
		List<Outcome> all = new ArrayList<>(this.outcomes);
		Map<Integer, Integer> statuses = new TreeMap<>();
		all.forEach(outcome -> statuses.merge(outcome.status(), 1, Integer::sum));
		System.out.printf("requests %d in the run; by status %s%n", all.size(), statuses);
		Map<String, List<Outcome>> byOperation = new TreeMap<>();
		all.forEach(outcome -> byOperation.computeIfAbsent(outcome.operation(), op -> new ArrayList<>()).add(outcome));
		byOperation.put("(all)", all);
		byOperation.forEach((operation, list) -> {
			List<Double> millis = list.stream().map(Outcome::millis).sorted().toList();
			System.out.printf("%-22s %6d requests  p50 %7.1f ms  p99 %7.1f ms%n", operation, list.size(),
					percentile(millis, 0.50), percentile(millis, 0.99));
		});
		System.out.println("timeline (5 s buckets): requests, 5xx, p99 ms");
		Map<Integer, List<Outcome>> buckets = new TreeMap<>();
		all.forEach(outcome -> buckets.computeIfAbsent((int) (outcome.startedAt() / 5) * 5, at -> new ArrayList<>())
			.add(outcome));
		buckets.forEach((at, list) -> System.out.printf("  %3d-%3d s %6d %4d %8.1f%n", at, at + 5, list.size(),
				list.stream().filter(outcome -> outcome.status() >= 500).count(),
				percentile(list.stream().map(Outcome::millis).sorted().toList(), 0.99)));
		System.out.printf("fault windows: DynamoDB stalls %d-%d s (5xx allowed until %d s: the call timeout and the "
				+ "breaker's 5 s after it), Keycloak down %d-%d s (5xx allowed until %d s)%n", windows.dynamoDbStall(),
				windows.dynamoDbStall() + 5, windows.dynamoDbStall() + 5 + 3 + 5, windows.keycloakDown(),
				windows.keycloakDown() + 10, windows.keycloakDown() + 10 + 3);
	}

	private boolean reconcile(List<Worker> workers, List<String> customerTokens, Windows windows) throws Exception {
		long outside = this.outcomes.stream().filter(outcome -> outcome.status() >= 500 && !windows.allows(outcome)).count();
		long inside = this.outcomes.stream().filter(outcome -> outcome.status() >= 500 && windows.allows(outcome)).count();
		System.out.printf("5xx: %d inside the fault windows, %d outside%n", inside, outside);
		// The clients' retries, once both dependencies are back: each placement that got a 503 or no answer.
		Map<String, String> placedByKey = new HashMap<>();
		Map<String, String> lastStatus = new HashMap<>();
		int retried = 0;
		for (Worker worker : workers) {
			placedByKey.putAll(worker.placedByKey);
			lastStatus.putAll(worker.lastStatus);
			for (Map.Entry<String, String> unanswered : worker.unansweredPlacements.entrySet()) {
				HttpResponse<String> response = send(worker.customer, "POST", "/orders", unanswered.getValue(),
						unanswered.getKey());
				if (response.statusCode() != 201) {
					System.out.printf("retry of key %s: %d %s%n", unanswered.getKey(), response.statusCode(), response.body());
					return false;
				}
				String id = TestJson.MAPPER.readTree(response.body()).get("id").asString();
				String earlier = placedByKey.putIfAbsent(unanswered.getKey(), id);
				if (earlier != null && !earlier.equals(id)) {
					System.out.printf("key %s placed %s and %s%n", unanswered.getKey(), earlier, id);
					return false;
				}
				lastStatus.putIfAbsent(id, "PENDING");
				retried++;
			}
		}
		Table stored = table(customerTokens);
		Map<String, String> table = stored.orders();
		Set<String> answered = new HashSet<>(placedByKey.values());
		Set<String> lost = new HashSet<>(answered);
		lost.removeAll(table.keySet());
		Set<String> unannounced = new HashSet<>(table.keySet());
		unannounced.removeAll(answered);
		long keys = placedByKey.size();
		long distinctOrders = answered.size();
		List<String> wrongStatus = new ArrayList<>();
		lastStatus.forEach((id, status) -> {
			if (!status.equals("?") && table.containsKey(id) && !table.get(id).equals(status)) {
				wrongStatus.add(id + " told " + status + ", stored " + table.get(id));
			}
		});
		System.out.printf("reconciliation: %d placements retried after a 503 or no answer; %d keys, %d orders "
				+ "answered with 201, %d in the table; lost %d, without a 201 %d, keys with two orders %d, "
				+ "without an idempotency record %d, status not the last one told %d%n", retried, keys, distinctOrders,
				table.size(), lost.size(), unannounced.size(), keys - distinctOrders, stored.withoutRecord().size(),
				wrongStatus.size());
		wrongStatus.stream().limit(5).forEach(System.out::println);
		return outside == 0 && lost.isEmpty() && unannounced.isEmpty() && keys == distinctOrders
				&& stored.withoutRecord().isEmpty() && wrongStatus.isEmpty();
	}

	/**
	 * Every order of the run's customers, straight from DynamoDB Local (not through the link), with its status,
	 * and those among them that lack the idempotency record their placement wrote.
	 */
	private static Table table(List<String> customerTokens) throws Exception {
		try (DynamoDbClient dynamoDb = DynamoDbClient.builder()
			.httpClient(UrlConnectionHttpClient.create())
			.endpointOverride(URI.create(LocalDynamoDb.shared().endpoint()))
			.region(Region.EU_CENTRAL_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
			.build()) {
			Map<String, String> orders = new HashMap<>();
			for (String token : customerTokens) {
				String subject = SignedJWT.parse(token).getJWTClaimsSet().getSubject();
				dynamoDb.queryPaginator(query -> query.tableName("bulwark-orders")
					.indexName("byCustomer")
					.keyConditionExpression("customerId = :customer")
					.expressionAttributeValues(Map.of(":customer", AttributeValue.fromS(subject))))
					.items()
					.forEach(item -> orders.put(item.get("id").s(), item.get("status").s()));
			}
			Set<String> remembered = new HashSet<>();
			dynamoDb.scanPaginator(scan -> scan.tableName("bulwark-idempotency"))
				.items()
				.forEach(item -> remembered.add(item.get("orderId").s()));
			Set<String> withoutRecord = new HashSet<>(orders.keySet());
			withoutRecord.removeAll(remembered);
			return new Table(orders, withoutRecord);
		}
	}

	private HttpResponse<String> send(String token, String method, String path, String body, String idempotencyKey)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + token);
		if (body != null) {
			request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private double seconds() {
		return (System.nanoTime() - this.start) / 1e9;
	}

	private void sleepUntil(long second) throws InterruptedException {
		long wait = (long) ((second - seconds()) * 1000);
		if (wait > 0) {
			Thread.sleep(wait);
		}
	}

	private static double percentile(List<Double> sorted, double share) {
		return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(share * sorted.size()) - 1));
	}

	private record Outcome(String operation, int status, double startedAt, double millis) {
	}

	private record Table(Map<String, String> orders, Set<String> withoutRecord) {
	}

	/** When the faults are injected, in seconds from the start, and which 5xx they excuse. */
	private record Windows(int seconds) {

		long dynamoDbStall() {
			return this.seconds / 3;
		}

		long keycloakDown() {
			return this.seconds / 2;
		}

		/**
		 * A 5xx is excused if its request started while DynamoDB stalled or its breaker stayed open after (5 s),
		 * or while Keycloak was down, each plus the 3 s a call may take.
		 */
		boolean allows(Outcome outcome) {
			double at = outcome.startedAt();
			return (at >= dynamoDbStall() - 3 && at <= dynamoDbStall() + 5 + 5 + 3)
					|| (at >= keycloakDown() - 3 && at <= keycloakDown() + 10 + 3);
		}

	}

	/**
	 * One client's loop. The orders it places are its own: only it confirms, ships, cancels or reads them, so each
	 * order's history is sequential and its last status is known.
	 */
	private final class Worker {

		private final String customer;

		private final String fulfillment;

		private final String reporting;

		private final List<String> orders = new ArrayList<>();

		private final Map<String, String> placedByKey = new HashMap<>();

		private final Map<String, String> bodies = new HashMap<>();

		private final Map<String, String> unansweredPlacements = new HashMap<>();

		/** The status each order was last reported in; {@code ?} after a change whose outcome is unknown. */
		private final Map<String, String> lastStatus = new HashMap<>();

		Worker(String customer, String fulfillment, String reporting) {
			this.customer = customer;
			this.fulfillment = fulfillment;
			this.reporting = reporting;
		}

		void run(int seconds) {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			while (seconds() < seconds) {
				int dice = random.nextInt(100);
				try {
					if (dice < 20 || this.orders.isEmpty()) {
						place(UUID.randomUUID().toString(), ORDER.formatted(1 + random.nextInt(5)));
					}
					else if (dice < 25 && !this.placedByKey.isEmpty()) {
						String key = List.copyOf(this.placedByKey.keySet()).get(random.nextInt(this.placedByKey.size()));
						place(key, this.bodies.get(key));
					}
					else if (dice < 40) {
						list(this.customer, "list (customer)");
					}
					else if (dice < 45) {
						list(this.reporting, "list (reporting)");
					}
					else if (dice < 60) {
						call("read", this.customer, "GET", "/orders/" + someOrder(random), null, null);
					}
					else if (dice < 70) {
						change("confirm", someOrder(random), "CONFIRMED");
					}
					else if (dice < 77) {
						change("ship", someOrder(random), "SHIPPED");
					}
					else if (dice < 82) {
						String id = someOrder(random);
						record(id, call("cancel", this.customer, "POST", "/orders/" + id + "/cancel", "", null), "CANCELLED");
					}
					else if (dice < 91) {
						call("forged (unknown key)", RealmSigner.signWithUnknownKey(
								RealmSigner.shared().customerClaims("forger").build()), "GET", "/orders", null, null);
					}
					else {
						call("forged (bad signature)", tampered(this.customer), "GET", "/orders", null, null);
					}
				}
				catch (Exception ex) {
					SoakBenchmark.this.outcomes.add(new Outcome("(no answer)", 0, seconds(), 0));
				}
			}
		}

		private void place(String key, String body) throws Exception {
			HttpResponse<String> response = call("place", this.customer, "POST", "/orders", body, key);
			this.bodies.put(key, body);
			if (response.statusCode() == 201) {
				String id = TestJson.MAPPER.readTree(response.body()).get("id").asString();
				String earlier = this.placedByKey.putIfAbsent(key, id);
				if (earlier == null) {
					this.orders.add(id);
					this.lastStatus.put(id, "PENDING");
				}
				else if (!earlier.equals(id)) {
					throw new IllegalStateException("Key " + key + " placed " + earlier + " and " + id);
				}
				this.unansweredPlacements.remove(key);
			}
			else if (response.statusCode() >= 500 && !this.placedByKey.containsKey(key)) {
				this.unansweredPlacements.put(key, body);
			}
		}

		private void list(String token, String operation) throws Exception {
			String cursor = null;
			for (int page = 0; page < 3; page++) {
				HttpResponse<String> response = call(operation, token, "GET",
						"/orders?limit=10" + ((cursor != null) ? "&cursor=" + cursor : ""), null, null);
				if (response.statusCode() != 200) {
					return;
				}
				JsonNode next = TestJson.MAPPER.readTree(response.body()).get("next");
				if (next == null || next.isNull()) {
					return;
				}
				cursor = next.asString();
			}
		}

		private void change(String operation, String id, String status) throws Exception {
			record(id, call(operation, this.fulfillment, "PUT", "/orders/" + id + "/status",
					"{\"status\":\"" + status + "\"}", null), status);
		}

		/** What a status change tells of the order's status: the new one, none (refused), or unknown (5xx). */
		private void record(String id, HttpResponse<String> response, String status) {
			if (response.statusCode() == 200) {
				this.lastStatus.put(id, status);
			}
			else if (response.statusCode() >= 500) {
				this.lastStatus.put(id, "?");
			}
		}

		private String someOrder(ThreadLocalRandom random) {
			return this.orders.get(random.nextInt(this.orders.size()));
		}

		private HttpResponse<String> call(String operation, String token, String method, String path, String body,
				String key) throws Exception {
			double startedAt = seconds();
			long begin = System.nanoTime();
			HttpResponse<String> response = send(token, method, path, body, key);
			SoakBenchmark.this.outcomes
				.add(new Outcome(operation, response.statusCode(), startedAt, (System.nanoTime() - begin) / 1e6));
			return response;
		}

		private static String tampered(String token) {
			String[] parts = token.split("\\.");
			char[] signature = parts[2].toCharArray();
			signature[10] = (signature[10] == 'A') ? 'B' : 'A';
			return parts[0] + "." + parts[1] + "." + new String(signature);
		}

	}

}
