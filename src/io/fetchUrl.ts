// Fetching a page to add as a source, with the limits a desk tool needs: a few redirects, a deadline, a size cap.
// Uses the standard `fetch`, so the same code serves the CLI, the extension host and the browser's web worker host.

/** Limits for one fetch. */
export interface FetchLimits {
  /** Redirects followed before giving up. */
  maxRedirects: number;
  /** Milliseconds for the whole exchange, body included. */
  timeoutMs: number;
  /** Largest body accepted, in bytes. */
  maxBytes: number;
}

export const DEFAULT_LIMITS: FetchLimits = { maxRedirects: 5, timeoutMs: 30_000, maxBytes: 25 * 1024 * 1024 };

/** What a fetch brought back. */
export interface Fetched {
  /** The address after redirects. */
  url: string;
  /** The Content-Type header, if any. */
  contentType: string | null;
  bytes: Uint8Array;
}

/** A fetch that failed, with one message a user can act on. */
export class FetchError extends Error {
  override name = 'FetchError';
}

function mb(n: number): string {
  return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
}

/** Reads the body, stopping at `maxBytes`. */
async function readBody(res: Response, limits: FetchLimits, url: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > limits.maxBytes)
    throw new FetchError(`${url} is too large (${mb(declared)}; the limit is ${mb(limits.maxBytes)})`);
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limits.maxBytes) {
      await reader.cancel().catch(() => {});
      throw new FetchError(`${url} is too large (more than ${mb(limits.maxBytes)}, the limit)`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) (out.set(c, at), (at += c.length));
  return out;
}

/** Whether this runs in a browser (a web worker or page), where fetch obeys the cross-origin rules. */
function isBrowser(): boolean {
  const g = globalThis as { process?: { versions?: { node?: string } }; navigator?: { userAgent?: string } };
  return !g.process?.versions?.node && typeof g.navigator?.userAgent === 'string';
}

/** Fetches `url` (http or https only), following at most `maxRedirects` redirects, within the time and size limits. */
export async function fetchUrl(url: string, limits: FetchLimits = DEFAULT_LIMITS): Promise<Fetched> {
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new FetchError(`${url} is not a valid address`);
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    for (let redirects = 0; ; redirects++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        throw new FetchError(`${current.href}: only http and https addresses can be added`);
      }
      const init = {
        signal: controller.signal,
        headers: { accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.5' },
      };
      let res = await fetch(current, { ...init, redirect: 'manual' });
      // A browser hides a redirect's target from the page (an opaque answer): there it follows them itself (at most
      // 20), and the address after them is the answer's url.
      if (res.type === 'opaqueredirect') {
        res = await fetch(current, { ...init, redirect: 'follow' });
        if (res.url) current = new URL(res.url);
      }
      if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
        await res.body?.cancel().catch(() => {});
        if (redirects >= limits.maxRedirects)
          throw new FetchError(`${url} redirects more than ${limits.maxRedirects} times`);
        current = new URL(res.headers.get('location')!, current);
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => {});
        throw new FetchError(`${current.href} answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
      }
      return {
        url: current.href,
        contentType: res.headers.get('content-type'),
        bytes: await readBody(res, limits, current.href),
      };
    }
  } catch (e) {
    if (e instanceof FetchError) throw e;
    if (controller.signal.aborted)
      throw new FetchError(`${url} did not answer within ${Math.round(limits.timeoutMs / 1000)} s`);
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    // In a browser a refused cross-origin request, like an unreachable host, is a bare TypeError (Node names a cause).
    if (!cause && e instanceof TypeError && isBrowser())
      throw new FetchError(
        `${url} could not be fetched from the browser: the site does not allow cross-origin requests (or cannot be ` +
          `reached). Save the page (or download the file) and add it to the sources/ folder instead.`,
      );
    throw new FetchError(`${url} could not be fetched (${cause?.code ?? cause?.message ?? (e as Error).message})`);
  } finally {
    clearTimeout(timer);
  }
}
