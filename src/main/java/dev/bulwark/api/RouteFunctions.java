package dev.bulwark.api;

import java.lang.reflect.Type;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.FunctionTypeUtils;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;

/**
 * The function beans the route table calls, looked up by name in the {@link FunctionCatalog} and checked against
 * the types the routes call them with, so that a renamed bean or a changed signature stops the application from
 * starting instead of failing its first request.
 */
final class RouteFunctions {

	private final FunctionCatalog catalog;

	RouteFunctions(FunctionCatalog catalog) {
		this.catalog = catalog;
	}

	@SuppressWarnings("unchecked")
	<I, O> Function<I, O> function(String name, Class<I> input, Class<O> output) {
		FunctionInvocationWrapper function = lookup(name);
		check(name, function.isFunction(), "a function");
		checkType(name, "input", function.getInputType(), input);
		checkType(name, "output", function.getOutputType(), output);
		return (Function<I, O>) (Function<?, ?>) function;
	}

	@SuppressWarnings("unchecked")
	<I> Consumer<I> consumer(String name, Class<I> input) {
		FunctionInvocationWrapper function = lookup(name);
		check(name, function.isConsumer(), "a consumer");
		checkType(name, "input", function.getInputType(), input);
		return (Consumer<I>) (Consumer<?>) function;
	}

	@SuppressWarnings("unchecked")
	<O> Supplier<O> supplier(String name, Class<O> output) {
		FunctionInvocationWrapper function = lookup(name);
		check(name, function.isSupplier(), "a supplier");
		checkType(name, "output", function.getOutputType(), output);
		return (Supplier<O>) (Supplier<?>) function;
	}

	private FunctionInvocationWrapper lookup(String name) {
		Object function = this.catalog.lookup(name);
		if (!(function instanceof FunctionInvocationWrapper wrapper)) {
			throw new IllegalStateException("No function bean named '" + name + "' for the route table");
		}
		return wrapper;
	}

	private static void check(String name, boolean holds, String kind) {
		if (!holds) {
			throw new IllegalStateException("The route table calls '" + name + "' as " + kind + ", which it is not");
		}
	}

	private static void checkType(String name, String side, @Nullable Type actual, Class<?> expected) {
		if (actual == null || !expected.equals(FunctionTypeUtils.getRawType(actual))) {
			throw new IllegalStateException("The route table calls '" + name + "' with " + side + " "
					+ expected.getSimpleName() + ", but its " + side + " is " + actual);
		}
	}

}
