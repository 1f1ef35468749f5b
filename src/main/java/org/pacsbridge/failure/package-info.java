/**
 * The one failure contract of the node's clients and producers ({@link org.pacsbridge.failure.FailureVerdict}),
 * the one backoff between attempts ({@link org.pacsbridge.failure.Backoff}) and the one reader of
 * {@code Retry-After} ({@link org.pacsbridge.failure.RetryAfter}). Imports nothing of the node.
 */
package org.pacsbridge.failure;
