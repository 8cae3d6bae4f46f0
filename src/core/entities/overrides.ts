// Reading `briefing-entities.json`: validates the user's overrides and reports problems as messages.
import { ENTITY_TYPES, type EntityOverride, type EntityOverrides, type EntityType } from './types';

/** The name of the overrides file hosts look for (at a workspace folder's root; the CLI's current directory). */
export const OVERRIDES_FILE = 'briefing-entities.json';

/** Overrides that could be used, and what was wrong with the rest. */
export interface OverridesResult {
  /** The valid entries. */
  overrides: EntityOverrides;
  /** One line per problem, naming the entry (`entities[2]: type "ship" is not one of ...`). */
  problems: string[];
}

function isType(v: unknown): v is EntityType {
  return typeof v === 'string' && (ENTITY_TYPES as readonly string[]).includes(v);
}

/** Checks parsed JSON (or text) against the overrides shape; never throws. */
export function readOverrides(input: unknown): OverridesResult {
  const problems: string[] = [];
  let data = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (e) {
      return { overrides: { entities: [] }, problems: [`not valid JSON (${(e as Error).message})`] };
    }
  }
  const list = data && typeof data === 'object' ? (data as { entities?: unknown }).entities : undefined;
  if (!Array.isArray(list))
    return { overrides: { entities: [] }, problems: ['expected an object with an "entities" array'] };
  const entities: EntityOverride[] = [];
  list.forEach((raw, i) => {
    const at = `entities[${i}]`;
    if (!raw || typeof raw !== 'object') return void problems.push(`${at}: expected an object`);
    const o = raw as Record<string, unknown>;
    if (typeof o.name !== 'string' || !o.name.trim())
      return void problems.push(`${at}: "name" must be a non-empty string`);
    const entry: EntityOverride = { name: o.name.trim() };
    if (o.type !== undefined) {
      if (isType(o.type)) entry.type = o.type;
      else
        problems.push(`${at} (${entry.name}): type ${JSON.stringify(o.type)} is not one of ${ENTITY_TYPES.join(', ')}`);
    }
    if (o.aliases !== undefined) {
      if (Array.isArray(o.aliases) && o.aliases.every((a) => typeof a === 'string'))
        entry.aliases = (o.aliases as string[]).map((a) => a.trim()).filter(Boolean);
      else problems.push(`${at} (${entry.name}): "aliases" must be an array of strings`);
    }
    if (o.description !== undefined) {
      if (typeof o.description === 'string') entry.description = o.description.trim();
      else problems.push(`${at} (${entry.name}): "description" must be a string`);
    }
    entities.push(entry);
  });
  return { overrides: { entities }, problems };
}
