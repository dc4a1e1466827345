/**
 * The audit trail: every request's id and its one audit line ({@code bulwark.audit} logger), with the caller, the
 * outcome class and, for a refused token, the reason; in both runtimes alike.
 */
@NullMarked
package dev.bulwark.audit;

import org.jspecify.annotations.NullMarked;
