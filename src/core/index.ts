// The core's surface for hosts: the Briefing Desk factory, the store a host implements, and the plain data they speak.
export { BriefingDesk, createBriefingDesk, type BriefingDeskOptions, type DeskLog, type LoadOptions } from './desk';
export { isSourceFile, SOURCE_EXTENSIONS, type LoadResult, type SourceStore } from './corpus/load';
export { MemorySourceStore } from './corpus/memoryStore';
export { OVERRIDES_FILE } from './entities/overrides';
export type { Definition } from './features/navigation';
export type { BriefingText, CardAction, CompletionData, Completions, HoverContent, LinkTarget } from './features/types';
export type { DiagnosticFix, GroundingDiagnostic } from './grounding/types';
