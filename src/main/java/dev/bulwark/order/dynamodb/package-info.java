@NullMarked
package dev.bulwark.order.dynamodb;

import org.jspecify.annotations.NullMarked;
