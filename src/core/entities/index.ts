// Public surface of the entity layer: extraction, aliases, disambiguation and entity cards as plain data.
export * from './types';
export { EntityIndex } from './entityIndex';
export { Extraction, putFound } from './extraction';
export {
  PIECE,
  ScanPart,
  type PartMembership,
  type PartNames,
  type PartSource,
  type PartStats,
  type ScanHelper,
} from './part';
export type { TextMatch } from './matcher';
export { OVERRIDES_FILE, readOverrides, type OverridesResult } from './overrides';
export { entityTypeLabel } from './labels';
