// The thread that reads part of the sources for an entity extraction (see src/core/entities/part.ts): pass 1 of each
// source as it arrives; its statistics when asked; then, given the corpus-wide statistics, pass 2. Results go back in
// pieces of a few sources (small messages), then a message that says they are all sent.
import { parentPort } from 'worker_threads';
import { PIECE, putFound, ScanPart } from '../core/entities';
import { fileBytes } from './cacheStore';
import type { FromScanWorker, ToScanWorker } from './scanHelper';

const port = parentPort!;
// Saved texts are read from the saved index the main thread has open (by its descriptor), not sent decoded.
const part = new ScanPart(putFound, (fd) => fileBytes(fd));
const post = (m: FromScanWorker) => port.postMessage(m);

port.on('message', (m: ToScanWorker) => {
  try {
    if (m.type === 'add') part.add(m.sources);
    else if (m.type === 'know') part.know(m.membership);
    else {
      for (let from = 0; from < part.size; from += PIECE) {
        const to = Math.min(part.size, from + PIECE);
        post(
          m.type === 'stats' ? { type: 'stats', r: part.stats(from, to) } : { type: 'names', r: part.names(from, to) },
        );
      }
      post({ type: 'done' });
    }
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
