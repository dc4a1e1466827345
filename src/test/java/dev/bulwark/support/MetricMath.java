package dev.bulwark.support;

import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * The part of CloudWatch metric math the alarms use, for one period: numbers, the ids of other series,
 * {@code + - * /}, parentheses and {@code FILL(series, value)}. A series without a datapoint in the period is
 * {@code null}; arithmetic on it is {@code null} too, as in CloudWatch, unless {@code FILL} gives it a value.
 */
public final class MetricMath {

	private final String expression;

	private final Map<String, Double> values;

	private int position;

	private MetricMath(String expression, Map<String, Double> values) {
		this.expression = expression;
		this.values = values;
	}

	/**
	 * The expression's value given each series' value by id ({@code null} for none), or {@code null}: no datapoint.
	 */
	public static Double evaluate(String expression, Map<String, Double> values) {
		MetricMath math = new MetricMath(expression, values);
		Double value = math.sum();
		math.skipSpaces();
		if (math.position != expression.length()) {
			throw math.unexpected();
		}
		return value;
	}

	private Double sum() {
		Double value = product();
		while (true) {
			if (accept('+')) {
				value = apply(value, product(), Double::sum);
			}
			else if (accept('-')) {
				value = apply(value, product(), (a, b) -> a - b);
			}
			else {
				return value;
			}
		}
	}

	private Double product() {
		Double value = operand();
		while (true) {
			if (accept('*')) {
				value = apply(value, operand(), (a, b) -> a * b);
			}
			else if (accept('/')) {
				value = apply(value, operand(), (a, b) -> (b == 0) ? null : a / b);
			}
			else {
				return value;
			}
		}
	}

	private Double operand() {
		if (accept('(')) {
			Double value = sum();
			expect(')');
			return value;
		}
		skipSpaces();
		int start = this.position;
		if (start < this.expression.length() && Character.isDigit(this.expression.charAt(start))) {
			while (this.position < this.expression.length()
					&& (Character.isDigit(this.expression.charAt(this.position))
							|| this.expression.charAt(this.position) == '.')) {
				this.position++;
			}
			return Double.valueOf(this.expression.substring(start, this.position));
		}
		while (this.position < this.expression.length()
				&& (Character.isLetterOrDigit(this.expression.charAt(this.position))
						|| this.expression.charAt(this.position) == '_')) {
			this.position++;
		}
		String name = this.expression.substring(start, this.position);
		if (name.equals("FILL")) {
			expect('(');
			Double series = sum();
			expect(',');
			Double fill = sum();
			expect(')');
			return (series != null) ? series : fill;
		}
		if (!this.values.containsKey(name)) {
			throw new IllegalArgumentException("No series or function " + name + " at " + start + " in " + this.expression);
		}
		return this.values.get(name);
	}

	private static Double apply(Double left, Double right, BinaryOperator<Double> operator) {
		return (left == null || right == null) ? null : operator.apply(left, right);
	}

	private boolean accept(char token) {
		skipSpaces();
		if (this.position < this.expression.length() && this.expression.charAt(this.position) == token) {
			this.position++;
			return true;
		}
		return false;
	}

	private void expect(char token) {
		if (!accept(token)) {
			throw unexpected();
		}
	}

	private void skipSpaces() {
		while (this.position < this.expression.length() && this.expression.charAt(this.position) == ' ') {
			this.position++;
		}
	}

	private IllegalArgumentException unexpected() {
		return new IllegalArgumentException("Unexpected at " + this.position + " in " + this.expression);
	}

}
