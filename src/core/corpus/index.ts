// Public surface of the corpus module.
export * from './types';
export * from './corpus';
export * from './dates';
export * from './ingest';
export * from './keys';
export * from './load';
export * from './csl';
export * from './memoryStore';
export { SOURCE_FORMATS, formatOf } from '../formats/registry';
export { pageLabel } from '../formats/build';
export type { SourceFormat } from '../formats/types';
export * from './entry';
export * from './view';
export * from './savedText';
