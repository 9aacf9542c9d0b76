/**
 * stream_size: the bytes a TCP flow's streams carry so far (Suricata "Flow keywords" § stream_size,
 * detect-stream_size.c): `stream_size:<server|client|both|either>,<op>,<number>;` with op one of
 * `<` `>` `=` `!=` `<=` `>=`. The size of a direction is Suricata's `next_seq - isn`: the bytes of
 * its stream seen in order, plus one for the SYN, after the packet being matched (the stream stage
 * runs first). `both`: each direction holds; `either`: one of them does. Only TCP packets of a
 * flow match. Evaluated by the rule's WASM verify program (assembly/verify/stream_size.ts), the
 * only stage that sees the stream state; a rule without one (an app-layer rule) is not compiled.
 */
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import { badValue } from '../issues.js';
import type { StreamSizeSpec } from '../types.js';
import { parseRange } from '../values/range.js';
import { requireValue, splitArgs } from './util.js';
import {
  OP_STREAM_SIZE_CLIENT,
  OP_STREAM_SIZE_EITHER,
  OP_STREAM_SIZE_SERVER,
  type ProgramWriter,
} from '../compile/opcodes.js';

export const meta: KeywordMeta = {
  name: 'stream_size',
  summary: 'bytes seen so far on the server, client, both or either TCP stream of the flow',
  syntax: 'stream_size:<server|client|both|either>,<|>|=|!=|<=|>=,N;',
  example: 'stream_size:server,<,5;',
};

const SIDES: readonly StreamSizeSpec['side'][] = ['server', 'client', 'both', 'either'];
/** Suricata's operators, as the shared range grammar spells them (`!=` is its `!`). */
const OPERATORS: Readonly<Record<string, string>> = {
  '<': '<',
  '>': '>',
  '=': '=',
  '!=': '!',
  '<=': '<=',
  '>=': '>=',
};

export function parse(value: string | undefined): StreamSizeSpec {
  const args = splitArgs(requireValue('stream_size', value));
  if (args.length !== 3) badValue('stream_size', `expected <side>,<operator>,<number>, got "${value}"`);
  const [side = '', op = '', num = ''] = args;
  if (!(SIDES as readonly string[]).includes(side))
    badValue('stream_size', `side "${side}": expected server, client, both or either`);
  const sym = OPERATORS[op];
  if (sym === undefined) badValue('stream_size', `operator "${op}": expected <, >, =, !=, <= or >=`);
  if (!/^\d+$/.test(num)) badValue('stream_size', `size "${num}": expected a decimal number`);
  return {
    kind: 'stream_size',
    side: side as StreamSizeSpec['side'],
    range: parseRange('stream_size', sym + num),
  };
}

export const keyword = defineKeyword({
  meta,
  parse,
  // several may appear (Suricata adds one match each, all must hold: ET's
  // `stream_size:client,=,1; stream_size:server,=,10;`)
  apply(rule, spec: StreamSizeSpec) {
    rule.conditions.push(spec);
  },
});

/** Program form (assembly/verify/stream_size.ts): one range instruction per direction, or `either`'s. */
export function encode(s: StreamSizeSpec, w: ProgramWriter): void {
  const ops =
    s.side === 'server'
      ? [OP_STREAM_SIZE_SERVER]
      : s.side === 'client'
        ? [OP_STREAM_SIZE_CLIENT]
        : s.side === 'both'
          ? [OP_STREAM_SIZE_SERVER, OP_STREAM_SIZE_CLIENT]
          : [OP_STREAM_SIZE_EITHER];
  for (const op of ops) {
    w.op(op);
    w.range(s.range);
  }
}
