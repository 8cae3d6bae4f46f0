// Public surface of the Markdown rendering module.
export { citationPlugin } from './plugin';
export { citationEnv, ENV_KEY, type CitationEnv, type CitationPluginOptions } from './types';
export { tooltipFor, type TooltipData } from './tooltip';
export { renderStandalone, type StandaloneOptions, type StandaloneResult } from './standalone';
