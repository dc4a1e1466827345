@NullMarked
package dev.bulwark;

import org.jspecify.annotations.NullMarked;
