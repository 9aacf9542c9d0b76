/**
 * Filter expression → engine program (the u32 words assembly/filter/program.ts loads). `and` and
 * `or` become short-circuit jumps over one boolean register, so the engine evaluates a test only
 * where libpcap's code would (a load past the captured bytes rejects the packet; skipping the test
 * must skip the load too).
 */
import { ConfigError } from '../errors.js';
import * as L from '../wasm/layout.js';
import type { FilterNode } from './ast.js';
import * as O from './opcodes.js';
import { parseFilter, type ParseOptions } from './parser.js';

/** Compile `expr` (pcap-filter syntax) into a program for EngineInstance.setFilter. Throws ConfigError. */
export function compileFilter(expr: string, opts: ParseOptions = {}): Uint8Array {
  const node = parseFilter(expr, opts);
  const code: number[] = [];
  emit(node, code);
  const words = [O.FILTER_MAGIC, code.length + 2, ...code];
  if (words.length * 4 > L.FILTER_CAPACITY) {
    throw new ConfigError(
      `${opts.option ?? '--bpf'} "${expr}": the expression compiles to ${words.length * 4} bytes, more than the ${L.FILTER_CAPACITY} the engine holds`,
    );
  }
  const out = new Uint8Array(words.length * 4);
  const dv = new DataView(out.buffer);
  words.forEach((w, i) => dv.setUint32(i * 4, w >>> 0, true));
  return out;
}

function emit(node: FilterNode, code: number[]): void {
  switch (node.kind) {
    case 'test':
      code.push(node.op, ...node.args);
      return;
    case 'not':
      emit(node.expr, code);
      code.push(O.OP_NOT);
      return;
    case 'and':
    case 'or': {
      emit(node.left, code);
      code.push(node.kind === 'and' ? O.OP_JF : O.OP_JT, 0);
      const patch = code.length - 1;
      emit(node.right, code);
      code[patch] = code.length;
    }
  }
}
