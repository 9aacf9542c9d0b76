/** Public surface of the rules module: loading, parsing, variables, configs and the rule model. */
export * from './types.js';
export { loadRules, loadRuleText, listRuleFiles, loadClassificationFile, RuleSetBuilder } from './loader.js';
export type { LoadOptions, LoadResult } from './loader.js';
export { parseRule, createParseContext } from './parser.js';
export type { ParseContext, ParseOutcome, RuleFailure } from './parser.js';
export {
  defaultVars,
  applySet,
  loadVarsFile,
  applyVarsDocument,
  DEFAULT_ADDRESS_GROUPS,
  DEFAULT_PORT_GROUPS,
} from './vars.js';
export type { RuleVars } from './vars.js';
export { parseClassificationConfig, parseThresholdConfig } from './config.js';
export type { Classification, ThresholdConfigEntry } from './config.js';
export { KEYWORDS } from './keywords/index.js';
export { APP_LAYER_ENABLED, appLayerGate } from './buffers.js';
