/**
 * The orders feature: thin function beans ({@code OrderFunctions}) delegating to {@link dev.bulwark.order.OrderService},
 * which carries the role checks (method security) and the ownership checks, reads the caller from
 * {@link dev.bulwark.security.Callers}, and stores through the {@link dev.bulwark.order.OrderRepository} port.
 * Refusals are plain exceptions; it speaks no HTTP (the {@code api} module maps them to problems). Every change it
 * makes is published as an {@link dev.bulwark.order.OrderEvent} once written (the audit trail records them).
 */
@NullMarked
package dev.bulwark.order;

import org.jspecify.annotations.NullMarked;
