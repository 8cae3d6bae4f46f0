// A full garbage collection on request, for Node hosts that know when a heavy step has left a lot behind.
import * as v8 from 'v8';
import * as vm from 'vm';

/**
 * A function that runs a full garbage collection, or undefined where none can be had. A cold build or a warm start
 * leaves hundreds of MB of file bytes and intermediate objects that V8 would otherwise keep until it next needs room,
 * so the next step's allocations would come on top of them. Node lets a running process expose `gc` to a new context;
 * Electron (the desktop app's extension host) fixes V8's flags at start, so there a host does without.
 */
export function collector(): (() => void) | undefined {
  if (process.versions.electron) return undefined;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}
