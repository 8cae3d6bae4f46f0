// Public surface of the search module.
export { SearchIndex } from './searchIndex';
export { highlight, type Segment } from './highlight';
export type { PackedPostings, SearchHit, SearchOptions, SerializedSearchIndex, SerializedSource } from './types';
