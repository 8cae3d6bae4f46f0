// The CLI's I/O (Node only): a SourceStore over the local file system, and where the package keeps seeds and media.
import * as fs from 'fs';
import * as path from 'path';
import { isSourceFile, type SourceStore } from '../core/corpus';

/** Lists source files under `dirs` (recursively; a file path lists itself) and reads them. */
export class FsSourceStore implements SourceStore {
  #dirs: string[];
  #bundled: boolean;

  /** `bundled`: the files are Briefing Desk's own seeds. */
  constructor(dirs: string[], options: { bundled?: boolean } = {}) {
    this.#dirs = dirs;
    this.#bundled = options.bundled ?? false;
  }

  isBundled(): boolean {
    return this.#bundled;
  }

  async list(): Promise<string[]> {
    const out: string[] = [];
    const walk = (p: string) => {
      const st = fs.statSync(p);
      if (st.isDirectory()) {
        for (const name of fs.readdirSync(p).sort()) if (!name.startsWith('.') && name !== 'node_modules') walk(path.join(p, name));
      } else if (isSourceFile(p)) out.push(p);
    };
    for (const d of this.#dirs) walk(d);
    return out;
  }

  async read(uri: string): Promise<Uint8Array> {
    return fs.promises.readFile(uri);
  }
}

/** The folder of sources bundled with Briefing Desk, found from a file inside the package. */
export function bundledSeedsDir(from: string = __dirname): string {
  let dir = from;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'seeds');
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve(from, '..', 'seeds');
}

/** The folder the Briefing Desk package lives in (holds seeds/ and media/). */
export function packageRoot(from: string = __dirname): string {
  return path.dirname(bundledSeedsDir(from));
}
