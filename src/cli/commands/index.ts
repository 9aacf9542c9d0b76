/** Explicit registry of CLI commands (no filesystem discovery): one module per command. */
import type { Command } from 'commander';
import { registerDecode } from './decode.js';
import { registerStats } from './stats.js';
import { registerSummary } from './summary.js';

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [registerDecode, registerStats, registerSummary];
