// What the production server (server/serve.mjs) and the site running inside it share at run time.
// This module is the only owner of: the shutdown hooks, the address and token the server uses to
// call its own revalidation endpoint, the header carrying the reader's socket address, the page
// cache's status, and the few objects there must be one of per process. Modules that need one of
// these import it from here; nothing travels through the environment or ad-hoc globals.
//
// Why one global slot: Next bundles this file into several server chunks, and serve.mjs and the
// cache handler load it again outside the bundle, so the process holds several copies of this
// module. They must see one state, so the state lives under a single well-known symbol. No other
// module touches globalThis (lib/settings.test.ts enforces it).

const slot = Symbol.for('khabar.runtime');

/** @type {{ hooks: Array<() => unknown>, self: { url: string, token: string } | undefined, cacheStatus: (() => string) | undefined, singletons: Map<string, unknown> }} */
const state = (globalThis[slot] ??= { hooks: [], self: undefined, cacheStatus: undefined, singletons: new Map() });

/**
 * The header in which serve.mjs passes on the socket address of the request, overwriting
 * anything a client sent under that name. Rate limits key on it (lib/comments/reader-address.ts).
 */
export const readerAddressHeader = 'x-khabar-peer';

/**
 * Registers a closer to run once the last request has finished on SIGTERM (serve.mjs runs them in
 * registration order, 5 s each). Under `next dev` and in unit tests nothing runs them.
 */
export function onShutdown(hook) {
  state.hooks.push(hook);
}

/** Runs every registered hook once, in order, each given `limitMs`; a failure is logged, not thrown. */
export async function runShutdownHooks(limitMs) {
  for (const hook of state.hooks.splice(0)) {
    let timer;
    try {
      await Promise.race([
        Promise.resolve().then(hook),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`a shutdown hook took longer than ${limitMs / 1000} s`)), limitMs);
        }),
      ]);
    } catch (error) {
      console.error('› shutdown hook failed:', error);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Set by serve.mjs: where this server answers and the per-process token that proves a call to
 * /api/revalidate is its own (Next accepts cache invalidation only inside a request).
 */
export function setSelfRevalidation(self) {
  state.self = self;
}

/** The server's own address and token; undefined under `next dev`, `next start` and in tests. */
export function selfRevalidation() {
  return state.self;
}

/** Set by the Redis cache handler, which Next loads outside the bundle the health route is in. */
export function setCacheStatusSource(source) {
  state.cacheStatus = source;
}

/** The shared page cache as the handler sees it, or undefined when no handler has reported. */
export function cacheStatus() {
  return state.cacheStatus?.();
}

/**
 * One object per process under `name` (the content index, the comment store), created on first
 * use; Next may evaluate the module that asks once per route bundle.
 */
export function processSingleton(name, create) {
  if (!state.singletons.has(name)) state.singletons.set(name, create());
  return state.singletons.get(name);
}

/** The object under `name` if there is one, and forgets it (tests closing a store between cases). */
export function releaseSingleton(name) {
  const value = state.singletons.get(name);
  state.singletons.delete(name);
  return value;
}

/**
 * A standalone package has no next.config.js: Next then takes the configuration recorded at
 * build time from this variable, as its own standalone server.js arranges.
 */
export function adoptRecordedNextConfig(config) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(config);
}

/** The object under `name` if one has been created, without creating it. */
export function existingSingleton(name) {
  return state.singletons.get(name);
}
