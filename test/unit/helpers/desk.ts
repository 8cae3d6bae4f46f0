// Test helper: a Briefing Desk over an in-memory store holding the bundled seeds and inline sources.
import * as fs from 'fs';
import * as path from 'path';
import { createBriefingDesk, MemorySourceStore, type BriefingDesk } from '../../../src/core';
import { ROOT } from './corpus';

/** A loaded desk over the seeds (bundled) plus `files` (`{ 'mem:/a.md': '...' }`). */
export async function memoryDesk(files: Record<string, string> = {}, seeds = true): Promise<BriefingDesk> {
  const dir = path.join(ROOT, 'seeds');
  const seedFiles = seeds
    ? fs
        .readdirSync(dir)
        .sort()
        .map((f) => [`seeds/${f}`, fs.readFileSync(path.join(dir, f), 'utf8')])
    : [];
  const store = new MemorySourceStore(
    { ...Object.fromEntries(seedFiles), ...files },
    seedFiles.map(([uri]) => uri),
  );
  const desk = createBriefingDesk({ store });
  await desk.load();
  return desk;
}
