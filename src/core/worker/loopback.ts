// Two ends of a channel in one thread: the desk served on the host itself (when no worker can be started) speaks
// the same protocol as a worker. Messages are delivered later, never during `post`, as a worker's would be; they
// are not copied (the host's copy of the sources shares the desk's objects).
import type { Channel } from '../../protocol/worker';

/** A connected pair: what `a` posts, `b` hears, and the other way round. `close()` drops every later message. */
export function loopback<A, B>(): { a: Channel<B, A>; b: Channel<A, B>; close(): void } {
  const toA: Array<(m: B) => void> = [];
  const toB: Array<(m: A) => void> = [];
  let open = true;
  const deliver =
    <M>(handlers: Array<(m: M) => void>) =>
    (m: M) => {
      queueMicrotask(() => {
        if (open) for (const h of handlers) h(m);
      });
    };
  return {
    a: { post: deliver(toB), listen: (h) => void toA.push(h) },
    b: { post: deliver(toA), listen: (h) => void toB.push(h) },
    close: () => void (open = false),
  };
}
