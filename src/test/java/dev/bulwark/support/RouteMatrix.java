package dev.bulwark.support;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The status each kind of caller gets from each route, written as a table with one row a route and one column a
 * caller, and handed to a parameterized test as one {@code (route, caller, status)} case a cell.
 */
public final class RouteMatrix {

	private final List<String> callers;

	private final List<Arguments> cells = new ArrayList<>();

	private RouteMatrix(List<String> callers) {
		this.callers = callers;
	}

	/**
	 * A table whose columns are these callers, in this order.
	 */
	public static RouteMatrix callers(String... callers) {
		return new RouteMatrix(List.of(callers));
	}

	/**
	 * A route such as {@code "GET /orders/{id}"} and the status of each caller, in the order of the columns.
	 */
	public RouteMatrix row(String route, int... statusPerCaller) {
		if (statusPerCaller.length != this.callers.size()) {
			throw new IllegalArgumentException(route + " has " + statusPerCaller.length + " statuses for "
					+ this.callers.size() + " callers");
		}
		for (int i = 0; i < statusPerCaller.length; i++) {
			this.cells.add(arguments(route, this.callers.get(i), statusPerCaller[i]));
		}
		return this;
	}

	public Stream<Arguments> cases() {
		return this.cells.stream();
	}

}
