/**
 * Lets the requests waiting on the event loop run before long background work goes on: a
 * `setImmediate` turn comes after the pending I/O callbacks, where a resolved promise would not.
 * The content scan and the search build call it between their slices.
 */
export function yieldToRequests(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
