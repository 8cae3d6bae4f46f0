// How an entity type is named to a reader, one of them (`Person`) or a heading over many (`People`).
import type { EntityType } from './types';

const ONE: Record<EntityType, string> = {
  person: 'Person',
  organization: 'Organisation',
  place: 'Place',
  weapon_system: 'Weapon system',
  event: 'Event',
  agreement: 'Agreement',
  group: 'Grouping',
};

const MANY: Record<EntityType, string> = {
  person: 'People',
  organization: 'Organisations',
  place: 'Places',
  weapon_system: 'Weapon systems',
  event: 'Events',
  agreement: 'Agreements',
  group: 'Groupings',
};

/** `Person`, `Weapon system`; `People`, `Weapon systems` with `plural`. An unknown type is shown as written. */
export function entityTypeLabel(type: string, plural = false): string {
  return (plural ? MANY : ONE)[type as EntityType] ?? type;
}
