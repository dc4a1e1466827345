@NullMarked
package dev.bulwark.web;

import org.jspecify.annotations.NullMarked;
