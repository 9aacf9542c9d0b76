/** Explicit registry of CLI commands (no filesystem discovery): one module per command. */
import type { Command } from 'commander';
import { registerDecode } from './decode.js';

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [registerDecode];
