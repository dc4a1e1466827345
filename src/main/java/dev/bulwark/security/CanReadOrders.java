package dev.bulwark.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Anyone who may read orders at all: customers (their own, checked by the service) and the roles or scope that
 * read every order.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@PreAuthorize("hasAnyRole('customer', 'fulfillment', 'admin', 'orders:read') or hasAuthority('SCOPE_orders:read')")
public @interface CanReadOrders {

}
