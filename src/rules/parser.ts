/**
 * One rule from text to `Rule`, or to a `RuleFailure` listing every problem found: header
 * (action, protocol, addresses, ports, direction), then options in order through the keyword
 * registry (keywords/index.ts), sticky buffers and legacy buffer modifiers (buffers.ts), known but
 * unsupported keywords (unsupported.ts), unknown keywords (with "did you mean"), and finally the
 * app-layer gate (buffers.ts). After the first failing keyword, later keywords are still classified
 * (unknown / unsupported / buffer) but not parsed, so one mistake does not cascade.
 *
 * Spec: Suricata 7 "Rules Format" (action, header, options), Snort 2.9 manual ch. 3.
 */
import type { RuleIssue } from '../errors.js';
import { appLayerGate, APP_PROTOCOLS, bufferKeywordNames, modifierBuffer, stickyBuffer } from './buffers.js';
import type { Classification } from './config.js';
import { RuleProblem, syntaxError } from './issues.js';
import { KEYWORDS } from './keywords/index.js';
import { splitRule } from './lexer.js';
import {
  BASE64_BUFFER,
  PAYLOAD_BUFFER,
  type Action,
  type IpProtocol,
  type OptionLoc,
  type Rule,
  type RuleDraft,
  type RuleLocation,
} from './types.js';
import { UNSUPPORTED_KEYWORDS } from './unsupported.js';
import { type AddressSpec, parseAddress, type VarLookup } from './values/address.js';
import { parsePorts, type PortSpec } from './values/port.js';
import { suggest } from './values/suggest.js';

export interface ParseContext {
  readonly addressVars: VarLookup;
  readonly portVars: VarLookup;
  /** When set, classtype must be one of these. */
  readonly classifications?: ReadonlyMap<string, Classification>;
  /** Caches of evaluated address/port texts (many rules share `$HOME_NET`, `any`, ...). */
  readonly addressCache: Map<string, AddressSpec | RuleProblem>;
  readonly portCache: Map<string, PortSpec | RuleProblem>;
}

export function createParseContext(
  addressVars: VarLookup,
  portVars: VarLookup,
  classifications?: ReadonlyMap<string, Classification>,
): ParseContext {
  return { addressVars, portVars, classifications, addressCache: new Map(), portCache: new Map() };
}

export interface RuleFailure extends RuleLocation {
  readonly sid?: number;
  readonly gid?: number;
  /** Every problem found, most important first. */
  readonly issues: RuleIssue[];
  /** The category of the first issue (what `rules check` counts by). */
  readonly reason: string;
  /** Unsupported keywords and app-layer buffers the rule uses (counted by `rules check`). */
  readonly unsupported: string[];
}

export type ParseOutcome = { ok: true; rule: Rule } | { ok: false; failure: RuleFailure };

const ACTIONS: ReadonlySet<string> = new Set([
  'alert',
  'pass',
  'drop',
  'reject',
  'rejectsrc',
  'rejectdst',
  'rejectboth',
]);

const IP_PROTOCOLS: Readonly<Record<string, IpProtocol>> = {
  ip: 'ip',
  tcp: 'tcp',
  'tcp-pkt': 'tcp',
  'tcp-stream': 'tcp',
  udp: 'udp',
  icmp: 'icmp',
  icmpv4: 'icmp',
  icmpv6: 'icmpv6',
  sctp: 'sctp',
  ipv4: 'ipv4',
  ip4: 'ipv4',
  ipv6: 'ipv6',
  ip6: 'ipv6',
  pkthdr: 'pkthdr',
};

/** App protocols carried over UDP, or over both transports; the rest are TCP. */
const UDP_APPS: ReadonlySet<string> = new Set([
  'dhcp',
  'snmp',
  'ntp',
  'tftp',
  'ike',
  'quic',
  'bittorrent-dht',
]);
const ANY_TRANSPORT_APPS: ReadonlySet<string> = new Set(['dns', 'dcerpc', 'krb5', 'nfs', 'sip', 'smb']);

/** Rank of issues: the lowest decides the rule's reason (real errors before "not yet"). */
function rank(p: RuleProblem, gate: boolean): number {
  switch (p.code) {
    case 'ERR_RULE_SYNTAX':
      return 0;
    case 'ERR_RULE_BAD_VALUE':
      return 1;
    case 'ERR_RULE_UNKNOWN_KEYWORD':
      return 2;
    default:
      return gate ? 3 : 4;
  }
}

let allKeywordNames: string[] | undefined;
function knownNames(): string[] {
  allKeywordNames ??= [...KEYWORDS.keys(), ...bufferKeywordNames(), ...UNSUPPORTED_KEYWORDS];
  return allKeywordNames;
}

/** Pre-scan for sid/gid so that every failure can name its rule. */
const QUICK_ID = { sid: /[(;]\s*sid\s*:\s*(\d+)\s*[;)]/, gid: /[(;]\s*gid\s*:\s*(\d+)\s*[;)]/ };
function quickId(text: string, name: 'sid' | 'gid'): number | undefined {
  const m = QUICK_ID[name].exec(text);
  return m && m[1] !== undefined ? Number(m[1]) : undefined;
}

export function parseRule(text: string, where: RuleLocation, ctx: ParseContext): ParseOutcome {
  const found: { p: RuleProblem; col?: number; rank: number }[] = [];
  const unsupportedNames: string[] = [];
  const note = (p: RuleProblem, col: number | undefined, gate = false): void => {
    found.push({ p, col: p.col ?? col, rank: rank(p, gate) });
  };
  let sid = quickId(text, 'sid');
  let gid = quickId(text, 'gid');
  let draft: RuleDraft | undefined;

  try {
    const raw = splitRule(text);
    const h = raw.header;
    if (h.length !== 7) {
      syntaxError(
        `expected 7 header fields "action proto src sport -> dst dport", got ${h.length}: "${h.join(' ')}"`,
        'syntax: bad header',
        1,
      );
    }
    const [actionText, protoText, srcText, sportText, dirText, dstText, dportText] = h as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const col = (i: number): number => raw.headerCols[i] ?? 1;
    if (!ACTIONS.has(actionText)) {
      const s = suggest(actionText, ACTIONS);
      syntaxError(
        `unknown action "${actionText}"${s ? ` (did you mean "${s}"?)` : ''}`,
        'syntax: unknown action',
        col(0),
      );
    }
    const protoLower = protoText.toLowerCase();
    let protocol = IP_PROTOCOLS[protoLower];
    let appProto: string | undefined;
    if (protocol === undefined) {
      if (!APP_PROTOCOLS.has(protoLower))
        syntaxError(`unknown protocol "${protoText}"`, 'syntax: unknown protocol', col(1));
      appProto = protoLower;
      protocol = UDP_APPS.has(protoLower) ? 'udp' : ANY_TRANSPORT_APPS.has(protoLower) ? 'ip' : 'tcp';
    }
    if (dirText !== '->' && dirText !== '<>') {
      syntaxError(`bad direction "${dirText}" (expected -> or <>)`, 'syntax: bad direction', col(4));
    }
    const addr = (t: string, c: number): AddressSpec =>
      cached(ctx.addressCache, t, c, () => parseAddress(t, ctx.addressVars));
    const ports = (t: string, c: number): PortSpec =>
      cached(ctx.portCache, t, c, () => parsePorts(t, ctx.portVars));
    const header = {
      src: addr(srcText, col(2)),
      srcPorts: ports(sportText, col(3)),
      direction: dirText,
      dst: addr(dstText, col(5)),
      dstPorts: ports(dportText, col(6)),
    } as const;

    const d: RuleDraft = {
      file: where.file,
      line: where.line,
      action: actionText as Action,
      protocol,
      appProto,
      header,
      gid: 1,
      sid: 0,
      rev: 0,
      msg: '',
      references: [],
      metadata: [],
      matches: [],
      conditions: [],
      flowbits: [],
      buffers: [],
      byteVars: [],
      noalert: false,
      currentBuffer: PAYLOAD_BUFFER,
      seen: new Set(),
    };
    if (protoLower === 'tcp-pkt') d.streamMode = 'pkt';
    if (protoLower === 'tcp-stream') d.streamMode = 'stream';
    draft = d;

    let failed = false;
    for (const opt of raw.options) {
      const loc: OptionLoc = { file: where.file, line: where.line, col: opt.col };
      const kw = KEYWORDS.get(opt.name);
      try {
        if (kw) {
          if (failed) continue;
          const spec = kw.parse(opt.value, d, loc);
          kw.apply(d, spec, loc);
          continue;
        }
        const sticky = stickyBuffer(opt.name);
        if (sticky !== undefined) {
          // base64_data holds what base64_decode decoded from another buffer: not an app buffer
          if (sticky !== PAYLOAD_BUFFER && sticky !== BASE64_BUFFER) {
            unsupportedNames.push(sticky);
            if (!d.buffers.includes(sticky)) d.buffers.push(sticky);
          }
          d.currentBuffer = sticky;
          d.lastContent = undefined;
          continue;
        }
        const modBuf = modifierBuffer(opt.name);
        if (modBuf !== undefined) {
          unsupportedNames.push(modBuf);
          if (!d.buffers.includes(modBuf)) d.buffers.push(modBuf);
          if (!failed && d.lastContent) d.lastContent.buffer = modBuf;
          continue;
        }
        if (UNSUPPORTED_KEYWORDS.has(opt.name)) {
          unsupportedNames.push(opt.name);
          throw new RuleProblem(
            'ERR_RULE_UNSUPPORTED',
            `keyword "${opt.name}" is not supported yet`,
            `unsupported keyword: ${opt.name}`,
            opt.name,
          );
        }
        const s = suggest(opt.name, knownNames());
        throw new RuleProblem(
          'ERR_RULE_UNKNOWN_KEYWORD',
          `unknown keyword "${opt.name}"${s ? ` (did you mean "${s}"?)` : ''}`,
          `unknown keyword: ${opt.name}`,
          opt.name,
        );
      } catch (e) {
        if (!(e instanceof RuleProblem)) throw e;
        note(
          e.keyword === undefined ? new RuleProblem(e.code, e.message, e.reason, opt.name, e.col) : e,
          opt.col,
        );
        if (e.code === 'ERR_RULE_UNSUPPORTED' && e.keyword === 'pcre') unsupportedNames.push('pcre');
        failed = true;
      }
    }
    if (d.seen.has('sid')) {
      sid = d.sid;
      gid = d.gid;
    } else if (sid === undefined) syntaxError('the rule has no sid', 'syntax: no sid');
    if (d.classtype !== undefined && ctx.classifications) {
      const c = ctx.classifications.get(d.classtype);
      if (!c) {
        const s = suggest(d.classtype, ctx.classifications.keys());
        note(
          new RuleProblem(
            'ERR_RULE_BAD_VALUE',
            `classtype: "${d.classtype}" is not in classification.config${s ? ` (did you mean "${s}"?)` : ''}`,
            'bad value: classtype',
            'classtype',
          ),
          undefined,
        );
      } else if (d.priority === undefined) d.priority = c.priority;
    }
    const gate = appLayerGate(d);
    if (gate !== undefined) {
      const kw = gate.slice(gate.lastIndexOf(': ') + 2);
      note(new RuleProblem('ERR_RULE_UNSUPPORTED', gate, gate, kw), undefined, true);
    }
  } catch (e) {
    if (!(e instanceof RuleProblem)) throw e;
    note(e, e.col);
  }

  if (found.length === 0 && draft) {
    const { currentBuffer: _cb, lastContent: _lc, seen: _seen, ...rule } = draft;
    return { ok: true, rule };
  }
  found.sort((a, b) => a.rank - b.rank);
  const issues: RuleIssue[] = found.map(({ p, col }) => ({
    code: p.code,
    file: where.file,
    line: where.line,
    ...(col !== undefined ? { col } : {}),
    ...(sid !== undefined ? { sid } : {}),
    ...(p.keyword !== undefined ? { keyword: p.keyword } : {}),
    message: p.message,
  }));
  return {
    ok: false,
    failure: {
      file: where.file,
      line: where.line,
      sid,
      gid,
      issues,
      reason: found[0]?.p.reason ?? 'syntax error',
      unsupported: [...new Set(unsupportedNames)],
    },
  };
}

function cached<T>(cache: Map<string, T | RuleProblem>, text: string, col: number, make: () => T): T {
  let v = cache.get(text);
  if (v === undefined) {
    try {
      v = make();
    } catch (e) {
      if (!(e instanceof RuleProblem)) throw e;
      v = e;
    }
    cache.set(text, v);
  }
  if (v instanceof RuleProblem) throw new RuleProblem(v.code, v.message, v.reason, v.keyword, col);
  return v;
}
