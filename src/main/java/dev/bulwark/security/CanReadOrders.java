package dev.bulwark.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Anyone who may read orders at all: customers (their own, checked by the service) and the roles that read every
 * order. A scope is deliberately not enough: a scope is what a user delegates to a client, and must never grant
 * more than the user's own roles.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@PreAuthorize("hasAnyRole('customer', 'fulfillment', 'admin', 'orders:read')")
public @interface CanReadOrders {

}
