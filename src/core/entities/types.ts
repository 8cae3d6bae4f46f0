// Plain data of the entity layer: entities, their mentions, cards and the user's overrides file.

/** What kind of thing an entity is. */
export type EntityType = 'person' | 'organization' | 'place' | 'weapon_system' | 'event' | 'agreement' | 'group';

/** Every entity type, in the order the CLI groups them. */
export const ENTITY_TYPES: readonly EntityType[] = [
  'person',
  'organization',
  'place',
  'weapon_system',
  'event',
  'agreement',
  'group',
];

/** One place where a source names an entity. */
export interface Mention {
  /** Citation key of the source. */
  key: string;
  /** URI of the source file. */
  uri: string;
  /** Paragraph number (¶n) the mention falls in. */
  paragraph: number;
  /** Offset of the mention's first character in the source file's text (like `Paragraph.start`). */
  start: number;
  /** Offset just past the mention's last character in the file's text. */
  end: number;
  /** The surface form as written (white space folded), without a possessive `'s`. */
  text: string;
}

/** A person, organisation, place, weapon system, event, agreement or grouping named by the sources. */
export interface Entity {
  /** Stable id derived from type and name (`person:masood-khan`). */
  id: string;
  /** Canonical name, without titles (`Masood Khan`, not `Ambassador Masood Khan`). */
  name: string;
  /** What kind of thing it is. */
  type: EntityType;
  /** Other surface forms seen for it (`Khan`, `Masood Khan`), canonical name excluded. */
  aliases: string[];
  /** One line from the sources saying who or what it is, or null. */
  description: string | null;
  /** Direct mentions, in source order. */
  mentions: Mention[];
  /** Mentions through a demonym (`Indian` for India), counted apart from `mentions`. */
  demonymMentions?: Mention[];
  /** Notes on mentions that could not be attributed for certain. */
  ambiguous?: string[];
}

/** Where one source names an entity. */
export interface CardSource {
  /** Citation key of the source. */
  key: string;
  /** Title of the source. */
  title: string;
  /** Paragraph numbers with at least one mention, ascending. */
  paragraphs: number[];
  /** Number of direct mentions in the source. */
  count: number;
}

/** A passage worth reading about an entity. */
export interface CardPassage {
  /** Citation key of the source. */
  key: string;
  /** Paragraph number (¶n). */
  paragraph: number;
  /** The sentence (or sentences) naming the entity. */
  text: string;
}

/** An entity named near this one. */
export interface RelatedEntity {
  /** Canonical name. */
  name: string;
  /** Its type. */
  type: EntityType;
  /** Number of paragraphs naming both. */
  count: number;
}

/** Everything a hover, panel or preview shows about one entity, as plain data. */
export interface EntityCard {
  /** Canonical name. */
  name: string;
  /** What kind of thing it is. */
  type: EntityType;
  /** Other surface forms seen. */
  aliases: string[];
  /** One line from the sources, or null. */
  description: string | null;
  /** Mentions per source, sources in key order. */
  mentionsBySource: CardSource[];
  /** Two or three passages that say most about the entity. */
  passages: CardPassage[];
  /** Entities most often named in the same paragraphs, most frequent first. */
  related: RelatedEntity[];
  /** Set when some mentions could refer to another entity. */
  ambiguity?: string;
}

/** One entry of `briefing-entities.json`. */
export interface EntityOverride {
  /** Canonical name (matched against extracted names and aliases). */
  name: string;
  /** Type to force. */
  type?: EntityType;
  /** Extra surface forms that name this entity. */
  aliases?: string[];
  /** Description to show instead of the extracted one. */
  description?: string;
}

/** The shape of `briefing-entities.json`. */
export interface EntityOverrides {
  /** Entities to add or correct. */
  entities: EntityOverride[];
}
