// Public surface of the grounding module: check a briefing's citations and quotations against the corpus.
export * from './types';
export { checkBriefing, type CheckOptions } from './check';
export { findQuote, findQuoteIn, quotePieces } from './match';
export { closestPassage, closestIn, MIN_CLOSEST_SCORE } from './closest';
export { findQuotations, type Quotation } from './quotes';
export { attribute, type Attribution, type AttributionRule } from './attribute';
export { suggestKey } from './suggest';
export { passagesOf, type Passage } from './passages';
export { addFixes } from './fixes';
