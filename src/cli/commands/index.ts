/** Explicit registry of CLI commands (no filesystem discovery): one module per command. */
import type { Command } from 'commander';

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [];
