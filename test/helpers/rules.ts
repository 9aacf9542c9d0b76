/** Rules from text, for tests (a temporary rules file through the real loader). */
import { loadRules } from '../../src/rules/loader.js';
import type { Rule } from '../../src/rules/types.js';
import { tempFile } from './engine.js';

export function parseRulesText(text: string): Rule[] {
  const r = loadRules([tempFile(Buffer.from(text + '\n'), 'test.rules')]);
  return r.rules;
}
