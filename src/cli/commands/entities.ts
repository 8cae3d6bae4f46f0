// `briefing entities` and `briefing entity "NAME"`: the people, places, organisations, weapon systems,
// events, agreements and groupings the sources name, and one entity's card.
import * as fs from 'fs';
import * as os from 'os';
import type { BriefingDesk } from '../../core/desk';
import {
  entityTypeLabel,
  ENTITY_TYPES,
  OVERRIDES_FILE,
  type Entity,
  type EntityCard,
  type EntityIndex,
} from '../../core/entities';
import { UsageError } from '../args';
import type { Command } from '../command';
import { InputError, openDesk, readTextArg, type CliContext, type DeskHooks } from '../context';
import { WorkerScanHelper } from '../../node/scanHelper';
import { Collections } from '../memory';
import { paint, printJson, printJsonList, truncate, type Output } from '../output';

/** Whether the machine has a second core for a worker thread. */
const secondCore = () => os.availableParallelism() > 1;

/** From this many sources on, garbage is collected between the steps of {@link loadIndex}. */
const LARGE = 1000;
/** Within a step, a full collection whenever the heap has grown by this much since the last one. */
const GROWTH = 64 << 20;
/** Once the worker is done, while entities are made from the candidates. */
const LATE_GROWTH = 40 << 20;
/** While the index is written (what it holds is made as it is written, and is garbage once written). */
const SAVE_GROWTH = 32 << 20;

/**
 * Opens the desk and its entity index, with `--entities FILE` (or ./briefing-entities.json) applied; saves the index
 * when it changed. Over a large corpus, full collections after loading, during and after extraction and while the
 * index is written (see {@link Collections}).
 */
async function loadIndex(ctx: CliContext): Promise<{ desk: BriefingDesk; index: EntityIndex }> {
  const hooks: DeskHooks = {};
  const desk = await openDesk(ctx, { saveLater: true }, hooks);
  const given = ctx.args.flags.entities;
  const file = typeof given === 'string' ? given : fs.existsSync(OVERRIDES_FILE) ? OVERRIDES_FILE : undefined;
  if (file) {
    const problems = desk.setEntityOverrides(readTextArg(file, 'entities file'), file);
    for (const p of problems) ctx.output.err(`${paint(ctx.output, 'yellow', 'ignored')} ${file}: ${p}\n`);
  }
  const gc = desk.library.sources.length >= LARGE ? Collections.start(GROWTH) : undefined;
  if (!gc || desk.library.entitiesIfReady) return { desk, index: await desk.entities() };
  gc.now();
  // Both cores: a worker thread reads half of the sources when they are all to be read (see WorkerScanHelper).
  const helper = new WorkerScanHelper({ share: secondCore() ? 0.5 : 0 });
  // Once a worker is done (the entities are made from the candidates), collections at less growth: the C library keeps
  // some of the worker's memory after it ends. (The process's peak is while both threads read: a second collection to
  // hand emptied pages back, tried here, cost ~0.1 s each and lowered no peak.)
  const late = () => helper.started && helper.closed;
  try {
    await desk.library.entitiesInSteps(async () => (late() ? gc.asNeeded(LATE_GROWTH) : gc.asNeeded()), helper);
  } finally {
    await helper.close();
  }
  gc.now();
  hooks.betweenPieces = () => gc.asNeeded(SAVE_GROWTH);
  // No collection after the save: at 10k it took ~70 ms and freed ~10 MB, the printing's garbage then collected as V8
  // sees fit.
  const index = await desk.entities();
  return { desk, index };
}

/**
 * How many of `list` each key has, as an object of counts, keys in the order first met (counted in a Map first: adding
 * to a large object is slow). Mentions come grouped by source, so a run of one key is counted at once. The object is
 * filled in a loop (`Object.fromEntries` over a Map fell back out of optimised code a thousand times over 10k sources)
 * and has no prototype, so that a key such as `__proto__` is a key like any other.
 */
function countBy(list: Array<{ key: string }>): Record<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < list.length;) {
    const key = list[i].key;
    let j = i + 1;
    while (j < list.length && list[j].key === key) j++;
    counts.set(key, (counts.get(key) ?? 0) + j - i);
    i = j;
  }
  const out: Record<string, number> = Object.create(null);
  for (const [key, n] of counts) out[key] = n;
  return out;
}

function entityJson(e: Entity) {
  return {
    id: e.id,
    name: e.name,
    type: e.type,
    aliases: e.aliases,
    description: e.description,
    mentions: countBy(e.mentions),
    ...(e.demonymMentions?.length ? { demonymMentions: countBy(e.demonymMentions) } : {}),
    ...(e.ambiguous?.length ? { ambiguous: e.ambiguous } : {}),
  };
}

export const entitiesCommand: Command = {
  name: 'entities',
  summary: 'List the people, places, organisations and other entities the sources name',
  usage: 'briefing entities [--sources DIR]... [--entities FILE] [--json]',
  flags: { entities: { value: true } },
  async run(ctx) {
    const { index } = await loadIndex(ctx);
    const entities = index.entities;
    if (ctx.json) {
      printJsonList(ctx.output, 'entities', entities, entityJson);
      return 0;
    }
    const o = ctx.output;
    for (const type of ENTITY_TYPES) {
      const list = entities.filter((e) => e.type === type);
      if (!list.length) continue;
      o.out(`${paint(o, 'bold', entityTypeLabel(type, true))} ${paint(o, 'dim', `(${list.length})`)}\n`);
      for (const e of list) {
        const sources = Object.keys(countBy(e.mentions)).length;
        const aka = e.aliases.filter((a) => a.length < 40).slice(0, 4);
        const extra = e.demonymMentions?.length ? `, ${e.demonymMentions.length} as demonym` : '';
        o.out(
          `  ${e.name}${aka.length ? paint(o, 'dim', ` (${aka.join(', ')})`) : ''}  ${paint(o, 'dim', `${e.mentions.length}× in ${sources} source${sources === 1 ? '' : 's'}${extra}`)}${e.ambiguous ? paint(o, 'yellow', '  ambiguous') : ''}\n`,
        );
      }
      o.out('\n');
    }
    o.out(paint(o, 'dim', `${entities.length} entities\n`));
    return 0;
  },
};

function printCard(o: Output, card: EntityCard): void {
  o.out(`${paint(o, 'bold', card.name)}  ${paint(o, 'dim', entityTypeLabel(card.type).toLowerCase())}\n`);
  if (card.description) o.out(`${card.description}\n`);
  if (card.aliases.length) o.out(`${paint(o, 'dim', 'Also:')} ${card.aliases.join('; ')}\n`);
  if (card.ambiguity) o.out(`${paint(o, 'yellow', 'Ambiguous:')} ${card.ambiguity}\n`);
  o.out(`\n${paint(o, 'bold', 'Mentions')}\n`);
  for (const s of card.mentionsBySource)
    o.out(
      `  ${paint(o, 'cyan', `@${s.key}`)} ${s.count}× ¶${s.paragraphs.join(', ¶')}  ${paint(o, 'dim', truncate(s.title, 60))}\n`,
    );
  if (card.passages.length) {
    o.out(`\n${paint(o, 'bold', 'Passages')}\n`);
    for (const p of card.passages)
      o.out(`  ${paint(o, 'cyan', `@${p.key}`)}, ¶${p.paragraph}: ${truncate(p.text, 300)}\n`);
  }
  if (card.related.length)
    o.out(`\n${paint(o, 'bold', 'Named with')} ${card.related.map((r) => `${r.name} (${r.count})`).join(', ')}\n`);
}

export const entityCommand: Command = {
  name: 'entity',
  summary: 'Show one entity: who or what it is, where the sources name it, and with whom',
  usage: 'briefing entity "NAME" [--sources DIR]... [--entities FILE] [--json]',
  flags: { entities: { value: true } },
  async run(ctx) {
    const name = ctx.args.positionals.join(' ').trim();
    if (!name) throw new UsageError('missing NAME');
    const { desk, index } = await loadIndex(ctx);
    const entity = index.find(name);
    if (!entity) {
      const k = name.toLowerCase();
      const near = index.entities
        .filter((e) => [e.name, ...e.aliases].some((a) => a.toLowerCase().includes(k)))
        .slice(0, 5)
        .map((e) => e.name);
      throw new InputError(`no entity named "${name}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`);
    }
    const card = index.card(entity, desk.library.sources);
    // `Singh` may name several people: say which others the word could mean.
    const k = name.toLowerCase();
    const others = index.entities
      .filter((e) => e !== entity && e.type === 'person' && e.name.toLowerCase().split(' ').pop() === k)
      .map((e) => e.name);
    if (ctx.json) printJson(ctx.output, { id: entity.id, ...card, ...(others.length ? { otherMatches: others } : {}) });
    else {
      printCard(ctx.output, card);
      if (others.length)
        ctx.output.out(`\n${paint(ctx.output, 'yellow', `"${name}" may also be:`)} ${others.join(', ')}\n`);
    }
    return 0;
  },
};
