/**
 * flow: flow state and direction (Suricata "Flow keywords" § flow): established, not_established,
 * stateless, to_server/from_client, to_client/from_server, only_stream, no_stream (and Suricata's
 * only_frag/no_frag, rejected as unsupported). Contradictions (to_server with to_client,
 * established with not_established, only_stream with no_stream) are bad values.
 */
import { badValue, unsupported } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { FlowSpec } from '../types.js';
import { once, requireValue, splitArgs } from './util.js';
import * as OP from '../compile/opcodes.js';

export const meta: KeywordMeta = {
  name: 'flow',
  summary: 'flow state and direction the packet must have',
  syntax:
    'flow:[established|not_established|stateless][,to_server|to_client|from_server|from_client][,only_stream|no_stream];',
  example: 'flow:established,to_server;',
};

export function parse(value: string | undefined): FlowSpec {
  let established = false;
  let notEstablished = false;
  let stateless = false;
  let direction: 'server' | 'client' | undefined;
  let onlyStream = false;
  let noStream = false;
  const setDir = (d: 'server' | 'client', o: string): void => {
    if (direction !== undefined && direction !== d)
      badValue('flow', `"${o}" contradicts the direction already given`);
    direction = d;
  };
  for (const o of splitArgs(requireValue('flow', value))) {
    switch (o) {
      case 'established':
        established = true;
        break;
      case 'not_established':
        notEstablished = true;
        break;
      case 'stateless':
        stateless = true;
        break;
      case 'to_server':
      case 'from_client':
        setDir('server', o);
        break;
      case 'to_client':
      case 'from_server':
        setDir('client', o);
        break;
      case 'only_stream':
        onlyStream = true;
        break;
      case 'no_stream':
        noStream = true;
        break;
      case 'only_frag':
      case 'no_frag':
        unsupported('flow', `option "${o}" is not supported`, `unsupported: flow:${o}`);
        break;
      default:
        badValue('flow', `unknown option "${o}"`);
    }
  }
  if (established && notEstablished) badValue('flow', 'established and not_established together');
  if (onlyStream && noStream) badValue('flow', 'only_stream and no_stream together');
  return { established, notEstablished, stateless, direction, onlyStream, noStream };
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: FlowSpec) {
    once(rule, 'flow');
    rule.flow = spec;
  },
});

/** Program form (assembly/verify/flow.ts): the options as flags (stateless needs only a flow). */
export function encode(s: FlowSpec, w: OP.ProgramWriter): void {
  w.op(
    OP.OP_FLOW,
    (s.established ? OP.PF_ESTABLISHED : 0) |
      (s.notEstablished ? OP.PF_NOT_ESTABLISHED : 0) |
      (s.direction === 'server' ? OP.PF_TO_SERVER : 0) |
      (s.direction === 'client' ? OP.PF_TO_CLIENT : 0) |
      (s.onlyStream ? OP.PF_ONLY_STREAM : 0) |
      (s.noStream ? OP.PF_NO_STREAM : 0),
  );
}
