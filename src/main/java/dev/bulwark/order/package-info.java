@NullMarked
package dev.bulwark.order;

import org.jspecify.annotations.NullMarked;
