/** The `--bpf EXPR` option shared by the commands that read packets. */
import { compileFilter } from './compile.js';

export const BPF_OPTION_FLAGS = '--bpf <expr>';
export const BPF_OPTION_HELP =
  'only packets matching this tcpdump filter expression (pcap-filter(7) primitives)';

/** The compiled program for `--bpf EXPR`, or undefined without the option. Throws ConfigError. */
export function bpfProgram(expr: string | undefined): Uint8Array | undefined {
  return expr === undefined ? undefined : compileFilter(expr, { option: '--bpf' });
}
