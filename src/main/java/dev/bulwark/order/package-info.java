/**
 * The orders feature: thin function beans ({@code OrderFunctions}) delegating to {@link dev.bulwark.order.OrderService},
 * which carries the role checks (method security) and the ownership checks, reads the caller from
 * {@link dev.bulwark.security.Callers}, and stores through the {@link dev.bulwark.order.OrderRepository} port.
 * Refusals are plain exceptions; it speaks no HTTP (the {@code api} module maps them to problems).
 */
@NullMarked
package dev.bulwark.order;

import org.jspecify.annotations.NullMarked;
