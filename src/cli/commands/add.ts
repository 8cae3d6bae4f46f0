// `briefing add URL|FILE`: fetch a page (or read a file), extract it, and save it as a new source.
import * as fs from 'fs';
import * as path from 'path';
import { createBriefingDesk } from '../../core';
import { AddSourceError, planSource, today, type Incoming } from '../../io/addSource';
import { DEFAULT_LIMITS, FetchError, fetchUrl } from '../../io/fetchUrl';
import { FsSourceStore } from '../../node/fsStore';
import { UsageError } from '../args';
import type { Command } from '../command';
import { InputError } from '../context';
import { paint, printJson } from '../output';

/** Control characters from a page must not reach the terminal. */
const plain = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

function positive(v: string | string[] | boolean | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!(n > 0)) throw new UsageError(`--${name} takes a positive number, not "${String(v)}"`);
  return n;
}

async function incoming(target: string, limits: typeof DEFAULT_LIMITS): Promise<Incoming> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    try {
      const got = await fetchUrl(target, limits);
      return { bytes: got.bytes, contentType: got.contentType, url: got.url, name: new URL(got.url).pathname };
    } catch (e) {
      if (e instanceof FetchError) throw new InputError(e.message);
      throw e;
    }
  }
  let st: fs.Stats;
  try {
    st = fs.statSync(target);
  } catch {
    throw new InputError(`${target}: no such file`);
  }
  if (!st.isFile()) throw new InputError(`${target}: not a file`);
  if (st.size > limits.maxBytes)
    throw new InputError(`${target}: too large (the limit is ${limits.maxBytes / 1024 / 1024} MB)`);
  return { bytes: fs.readFileSync(target), name: path.basename(target) };
}

export const addCommand: Command = {
  name: 'add',
  summary: 'Add a source from a URL or a file (web page, PDF, Word, text) to a sources folder',
  usage: 'briefing add URL|FILE [--to DIR] [--timeout SECONDS] [--max-mb MB] [--json]',
  flags: { to: { value: true }, timeout: { value: true }, 'max-mb': { value: true } },
  async run(ctx) {
    const [target, extra] = ctx.args.positionals;
    if (!target) throw new UsageError('missing URL or FILE');
    if (extra) throw new UsageError(`one URL or FILE at a time (also got "${extra}")`);
    const dir = typeof ctx.args.flags.to === 'string' ? ctx.args.flags.to : 'sources';
    const limits = {
      ...DEFAULT_LIMITS,
      timeoutMs: positive(ctx.args.flags.timeout, 'timeout', DEFAULT_LIMITS.timeoutMs / 1000) * 1000,
      maxBytes: positive(ctx.args.flags['max-mb'], 'max-mb', DEFAULT_LIMITS.maxBytes / 1024 / 1024) * 1024 * 1024,
    };
    const got = await incoming(target, limits);
    // Keys already used in the folder, so the new source gets its own.
    const keys = new Set<string>();
    if (fs.existsSync(dir)) {
      const desk = createBriefingDesk({ store: new FsSourceStore([dir]) });
      await desk.load();
      for (const s of desk.library.sources) keys.add(s.key);
    }
    let planned;
    try {
      planned = await planSource(got, {
        taken: (k) => keys.has(k),
        exists: (f) => fs.existsSync(path.join(dir, f)),
        today: today(),
      });
    } catch (e) {
      if (e instanceof AddSourceError) throw new InputError(e.message);
      throw e;
    }
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, planned.fileName);
    // 'wx': fails rather than replace a file that appeared meanwhile.
    fs.writeFileSync(file, planned.bytes, { flag: 'wx' });
    const p = planned.parsed;
    if (ctx.json) {
      printJson(ctx.output, {
        key: planned.key,
        path: file,
        title: p.title,
        date: p.date,
        paragraphs: p.paragraphs.length,
        format: p.format ?? 'text',
        url: p.url,
        outlet: p.outlet,
        authors: p.authors,
      });
    } else {
      const o = ctx.output;
      o.out(
        `${paint(o, 'green', 'added')} ${paint(o, 'cyan', `@${planned.key}`)} “${plain(p.title)}” ` +
          `(${p.paragraphs.length} ¶${p.pages ? `, ${p.pages} pages` : ''}) → ${file}\n`,
      );
    }
    return 0;
  },
};
