/** Explicit registry of CLI commands (no filesystem discovery): one module per command. */
import type { Command } from 'commander';
import { registerDecode } from './decode.js';
import { registerStats } from './stats.js';
import { registerSummary } from './summary.js';
import { registerDemo } from './demo.js';
import { registerRulesCheck } from './rules-check.js';
import { registerRead } from './read.js';
import { registerFlows } from './flows.js';
import { registerLive } from './live.js';
import { registerInterfaces } from './interfaces.js';
import { registerStreams } from './streams.js';
import { registerFeatures } from './features.js';
import { registerTrain } from './train.js';
import { registerBaseline } from './baseline.js';

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [
  registerDemo,
  registerRead,
  registerDecode,
  registerStats,
  registerSummary,
  registerRulesCheck,
  registerFlows,
  registerLive,
  registerInterfaces,
  registerStreams,
  registerFeatures,
  registerTrain,
  registerBaseline,
];
