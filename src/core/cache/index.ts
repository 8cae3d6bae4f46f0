// The persisted index: its byte format (core) and a load that reuses it; hosts only store bytes.
export * from './format';
export * from './load';
