/**
 * The HTTP API: one route table that maps each route to a function bean.
 */
@NullMarked
package dev.bulwark.api;

import org.jspecify.annotations.NullMarked;
