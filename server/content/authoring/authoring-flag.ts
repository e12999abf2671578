/**
 * Whether this server runs in authoring mode, for pages: the root layout mounts the page's
 * watcher only then. Published on globalThis by server/main.ts (pages are bundled apart from
 * it, as server/services.ts explains); a process that never publishes it is not authoring.
 */
const KEY = Symbol.for('dockyard.authoring');
type Holder = { [KEY]?: boolean };

export function publishAuthoringMode(enabled: boolean): void {
  (globalThis as Holder)[KEY] = enabled;
}

export function isAuthoringMode(): boolean {
  return (globalThis as Holder)[KEY] === true;
}
