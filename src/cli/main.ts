/**
 * The `netsift` command: argv → commander → one module per command under commands/.
 * Every command turns an `EngineError` into one line on stderr and its exit code; anything else
 * is a bug and exits 70 with the stack.
 */
import { Command, CommanderError } from 'commander';
import { EngineError, EXIT_INTERNAL, EXIT_USAGE } from '../errors.js';
import { COMMANDS } from './commands/index.js';

export function buildProgram(): Command {
  const program = new Command('netsift')
    .description('network traffic monitoring and intrusion detection (WebAssembly engine)')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  for (const register of COMMANDS) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    process.exitCode = exitCodeFor(err);
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    return err.exitCode === 0 ? 0 : EXIT_USAGE;
  }
  if (err instanceof EngineError) {
    process.stderr.write(`netsift: ${err.message}\n`);
    return err.exitCode;
  }
  if (err && typeof err === 'object' && 'code' in err && (err as { code: unknown }).code === 'EPIPE')
    return 0;
  process.stderr.write(
    `netsift: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  return EXIT_INTERNAL;
}
