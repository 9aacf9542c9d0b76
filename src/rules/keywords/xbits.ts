/**
 * xbits: named bits kept per host (`track ip_src` / `ip_dst`) or per host pair (`ip_pair`), so
 * that one flow can set what another checks (Suricata "Xbits Keyword"):
 * `xbits:<set|unset|toggle|isset|isnotset>,<name>,track <ip_src|ip_dst|ip_pair>[,expire <seconds>];`
 * A set bit lives `expire` seconds of capture time (Suricata's default 30); `xbits:noalert`
 * silences the rule as flowbits:noalert does. `track tx` (Suricata 8) is not supported.
 */
import { badValue, unsupported } from '../issues.js';
import { defineKeyword, type KeywordMeta } from '../keyword.js';
import type { XbitsOp, XbitsSpec } from '../types.js';
import { parseInteger } from '../values/number.js';
import { requireValue, splitArgs } from './util.js';

export const meta: KeywordMeta = {
  name: 'xbits',
  summary: 'set, clear and test named flags on a host or host pair, with an expiry',
  syntax: 'xbits:<set|unset|toggle|isset|isnotset>,<name>,track <ip_src|ip_dst|ip_pair>[,expire <seconds>];',
  example: 'xbits:set,ET.ipcheck,track ip_src,expire 60;',
};

const OPS: readonly XbitsOp[] = ['set', 'unset', 'toggle', 'isset', 'isnotset'];
const TRACKS: readonly XbitsSpec['track'][] = ['ip_src', 'ip_dst', 'ip_pair'];
const NAME = /^[A-Za-z0-9_.-]+$/;
export const XBITS_EXPIRE_DEFAULT = 30;

export function parse(value: string | undefined): XbitsSpec | 'noalert' {
  const args = splitArgs(requireValue('xbits', value));
  const [opText = '', name, ...rest] = args;
  if (opText === 'noalert' && args.length === 1) return 'noalert';
  const op = OPS.find((o) => o === opText);
  if (!op) badValue('xbits', `unknown command "${opText}" (expected ${OPS.join(', ')}, noalert)`);
  if (name === undefined || !NAME.test(name)) badValue('xbits', `"${name ?? ''}" is not an xbit name`);
  let track: XbitsSpec['track'] | undefined;
  let expire = XBITS_EXPIRE_DEFAULT;
  for (const a of rest) {
    const m = /^(track|expire)\s+(\S+)$/.exec(a);
    if (!m) badValue('xbits', `"${a}" is not "track <ip_src|ip_dst|ip_pair>" or "expire <seconds>"`);
    if (m[1] === 'expire') {
      expire = parseInteger('xbits', m[2] as string, 1, 0xffffffff);
      continue;
    }
    if (m[2] === 'tx') unsupported('xbits', '"track tx" is not supported', 'unsupported: xbits track tx');
    track = TRACKS.find((t) => t === m[2]);
    if (!track) badValue('xbits', `unknown track "${m[2]}" (expected ${TRACKS.join(', ')})`);
  }
  if (!track) badValue('xbits', 'missing "track <ip_src|ip_dst|ip_pair>"');
  return { op, name, track, expire };
}

export const keyword = defineKeyword({
  meta,
  parse,
  apply(rule, spec: XbitsSpec | 'noalert') {
    if (spec === 'noalert') rule.noalert = true;
    else (rule.xbits ??= []).push(spec);
  },
});
