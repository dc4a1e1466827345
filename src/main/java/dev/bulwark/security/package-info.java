@NullMarked
package dev.bulwark.security;

import org.jspecify.annotations.NullMarked;
