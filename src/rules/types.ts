/**
 * The parsed rule: what the parser produces and rules/compile/ consumes. Plain data (no classes),
 * so rules can be cloned to workers. Specs of individual keywords are defined in their keyword
 * file and collected here in the discriminated unions `MatchSpec` (payload/buffer inspection, in
 * rule order, because relative keywords depend on what came before) and `ConditionSpec` (packet
 * header checks, order-free).
 */
import type { AddressSpec } from './values/address.js';
import type { NumOrVar } from './values/number.js';
import type { PortSpec } from './values/port.js';
import type { RangeSpec } from './values/range.js';

export type Action = 'alert' | 'pass' | 'drop' | 'reject' | 'rejectsrc' | 'rejectdst' | 'rejectboth';

/** The packet-level protocol a rule applies to. */
export type IpProtocol = 'ip' | 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'sctp' | 'ipv4' | 'ipv6' | 'pkthdr';

/** Where a rule was read from: 1-based line (the first physical line of a continued rule). */
export interface RuleLocation {
  readonly file: string;
  readonly line: number;
}

/** Location of one option, for messages: `file:line:col` with col 1-based within the logical line. */
export interface OptionLoc extends RuleLocation {
  readonly col: number;
}

export interface RuleHeader {
  readonly src: AddressSpec;
  readonly srcPorts: PortSpec;
  /** `->` one way, `<>` either way. */
  readonly direction: '->' | '<>';
  readonly dst: AddressSpec;
  readonly dstPorts: PortSpec;
}

/** The buffer a content inspects when no sticky buffer is active. */
export const PAYLOAD_BUFFER = 'payload';

export interface ContentSpec {
  readonly kind: 'content';
  bytes: Uint8Array;
  negated: boolean;
  /** The sticky buffer in force (`payload`, or e.g. `http.uri`). */
  buffer: string;
  nocase: boolean;
  rawbytes: boolean;
  offset?: NumOrVar;
  depth?: NumOrVar;
  distance?: NumOrVar;
  within?: NumOrVar;
  startswith: boolean;
  endswith: boolean;
  /** `fast_pattern`: plain, `only`, or a slice `offset,length` of the content. */
  fastPattern?: { only: boolean; offset?: number; length?: number };
}

export interface PcreSpec {
  readonly kind: 'pcre';
  /** The pattern as written between the slashes. */
  readonly source: string;
  /** The JavaScript source actually compiled (differs only by documented, exact mappings). */
  readonly jsSource: string;
  /** JS RegExp flags (subset of `imsy`). */
  readonly jsFlags: string;
  readonly negated: boolean;
  readonly relative: boolean;
  readonly rawbytes: boolean;
  /** Suricata buffer flags as written (U, I, P, Q, H, D, M, C, K, S, Y, V, W). */
  readonly bufferFlags: string;
  /** Flags that change no semantics netsift has (O: match-limit override). */
  readonly otherFlags: string;
  buffer: string;
  readonly regex: RegExp;
}

export interface IsdataatSpec {
  readonly kind: 'isdataat';
  readonly negated: boolean;
  readonly offset: NumOrVar;
  readonly relative: boolean;
  readonly rawbytes: boolean;
  buffer: string;
}

export type Endian = 'big' | 'little' | 'dce';
export type NumBase = 'hex' | 'dec' | 'oct';

export interface ByteTestSpec {
  readonly kind: 'byte_test';
  readonly bytes: number;
  readonly negated: boolean;
  readonly operator: '<' | '>' | '=' | '<=' | '>=' | '&' | '^';
  readonly value: NumOrVar;
  readonly offset: NumOrVar;
  readonly relative: boolean;
  readonly endian: Endian;
  /** Set when the bytes are a number written as text. */
  readonly string?: NumBase;
  readonly bitmask?: number;
  buffer: string;
}

export interface ByteJumpSpec {
  readonly kind: 'byte_jump';
  readonly bytes: number;
  readonly offset: NumOrVar;
  readonly relative: boolean;
  readonly multiplier: number;
  readonly endian: Endian;
  readonly string?: NumBase;
  readonly align: boolean;
  readonly fromBeginning: boolean;
  readonly fromEnd: boolean;
  readonly postOffset: number;
  readonly bitmask?: number;
  buffer: string;
}

export interface ByteExtractSpec {
  readonly kind: 'byte_extract';
  readonly bytes: number;
  readonly offset: number;
  readonly name: string;
  readonly relative: boolean;
  readonly multiplier: number;
  readonly endian: Endian;
  readonly string?: NumBase;
  readonly align: number;
  readonly bitmask?: number;
  buffer: string;
}

export interface BsizeSpec {
  readonly kind: 'bsize';
  readonly range: RangeSpec;
  buffer: string;
}

/** urilen: a size check on http.uri (or http.uri.raw with `,raw`), whatever the sticky buffer in force. */
export interface UrilenSpec {
  readonly kind: 'urilen';
  readonly range: RangeSpec;
  buffer: string;
}

/** base64_decode: decode the buffer in force into base64_data (see keywords/base64_decode.ts). */
export interface Base64DecodeSpec {
  readonly kind: 'base64_decode';
  /** Characters to decode at most (0: to the end of the buffer). */
  readonly bytes: number;
  readonly offset: number;
  readonly relative: boolean;
  buffer: string;
}

/** The buffer base64_decode fills (Suricata's base64_data sticky buffer). */
export const BASE64_BUFFER = 'base64_data';

/** asn1: BER-decode the buffer from an offset and check for known-malformed encodings (src/rules/keywords/asn1.ts). */
export interface Asn1Spec {
  readonly kind: 'asn1';
  readonly bitstringOverflow: boolean;
  readonly doubleOverflow: boolean;
  readonly oversizeLength?: number;
  readonly absoluteOffset?: number;
  /** From the end of the previous match (may be negative). */
  readonly relativeOffset?: number;
  /** Most objects, and nesting depth, decoded (Suricata's max_frames, default 30). */
  readonly maxFrames: number;
  buffer: string;
}

export type MatchSpec =
  | Asn1Spec
  | Base64DecodeSpec
  | ContentSpec
  | PcreSpec
  | IsdataatSpec
  | ByteTestSpec
  | ByteJumpSpec
  | ByteExtractSpec
  | BsizeSpec
  | UrilenSpec;

/** Numeric header checks sharing the range grammar. */
export type RangeKeyword =
  | 'dsize'
  | 'ttl'
  | 'tos'
  | 'id'
  | 'ip_proto'
  | 'itype'
  | 'icode'
  | 'icmp_id'
  | 'icmp_seq'
  | 'seq'
  | 'ack'
  | 'window'
  | 'dns.opcode'
  | 'tls_cert_notbefore'
  | 'tls_cert_notafter'
  | 'tls_cert_expired'
  | 'tls_cert_valid'
  | 'tls.cert_chain_len'
  | 'tls.version';

export interface RangeCondition {
  readonly kind: RangeKeyword;
  readonly range: RangeSpec;
}

export interface FlagsSpec {
  readonly kind: 'flags';
  /** `+` all of these and any others (default: exactly these), `*` any of these, `!` none of these. */
  readonly modifier: 'exact' | '+' | '*' | '!';
  /** Bit mask of the flags to test (FIN 0x01 … CWR 0x80); 0 with `exact` means "no flags". */
  readonly flags: number;
  /** Flags to ignore (the part after the comma). */
  readonly ignore: number;
}

export interface SameipSpec {
  readonly kind: 'sameip';
}

/**
 * A range over a list of transaction values (dns.rrtype: the record types of the message), with
 * Suricata's multi-integer index: one element (0-based, negative from the end), `all` of them,
 * or `any` (the default).
 */
export interface ListCondition {
  readonly kind: 'dns.rrtype';
  readonly range: RangeSpec;
  readonly index: number | 'all' | 'any';
}

/** stream_size: the size of a TCP flow's server / client stream (both, either) compared with a range. */
export interface StreamSizeSpec {
  readonly kind: 'stream_size';
  readonly side: 'server' | 'client' | 'both' | 'either';
  readonly range: RangeSpec;
}

export type ConditionSpec = RangeCondition | ListCondition | FlagsSpec | SameipSpec | StreamSizeSpec;

export interface FlowSpec {
  readonly established: boolean;
  readonly notEstablished: boolean;
  readonly stateless: boolean;
  /** `to_server`/`from_client` → 'server'; `to_client`/`from_server` → 'client'. */
  readonly direction?: 'server' | 'client';
  readonly onlyStream: boolean;
  readonly noStream: boolean;
}

export type FlowbitsOp = 'set' | 'setx' | 'unset' | 'toggle' | 'isset' | 'isnotset' | 'noalert' | 'reset';

export interface FlowbitsSpec {
  readonly op: FlowbitsOp;
  /** Bit names; `all` means every name (`&`), `any` at least one (`|`). */
  readonly names: readonly string[];
  readonly combine: 'all' | 'any';
  readonly group?: string;
}

export type XbitsOp = 'set' | 'unset' | 'toggle' | 'isset' | 'isnotset';

/** xbits: a named bit kept per host or per host pair, with an expiry (src/rules/keywords/xbits.ts). */
export interface XbitsSpec {
  readonly op: XbitsOp;
  readonly name: string;
  readonly track: 'ip_src' | 'ip_dst' | 'ip_pair';
  /** Seconds a set bit lives (Suricata's default 30). */
  readonly expire: number;
}

export type FlowintOp = '=' | '+' | '-' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'isset' | 'notset';

/** flowint: a named integer on the flow (src/rules/keywords/flowint.ts); the operand a number or another flowint. */
export interface FlowintSpec {
  readonly name: string;
  readonly op: FlowintOp;
  readonly value?: number;
  readonly other?: string;
}

/** tag: what to tag after an alert (src/rules/keywords/tag.ts; parsed, not acted on). */
export interface TagSpec {
  readonly type: 'session' | 'host';
  readonly count: number;
  readonly metric: 'packets' | 'seconds' | 'bytes';
  readonly direction?: 'src' | 'dst';
}

export type TrackBy = 'by_src' | 'by_dst' | 'by_rule' | 'by_both' | 'by_flow';

export interface ThresholdSpec {
  readonly type: 'threshold' | 'limit' | 'both';
  readonly track: TrackBy;
  readonly count: number;
  readonly seconds: number;
}

export interface DetectionFilterSpec {
  readonly track: TrackBy;
  readonly count: number;
  readonly seconds: number;
  /** Count distinct source or destination ports instead of matches (Suricata 8). */
  readonly uniqueOn?: 'src_port' | 'dst_port';
}

export interface Reference {
  readonly type: string;
  readonly value: string;
}

export interface Rule extends RuleLocation {
  readonly action: Action;
  readonly protocol: IpProtocol;
  /** The application protocol named in the header (`alert http ...`), if any. */
  readonly appProto?: string;
  readonly header: RuleHeader;
  gid: number;
  sid: number;
  rev: number;
  msg: string;
  classtype?: string;
  priority?: number;
  references: Reference[];
  metadata: [string, string][];
  target?: 'src_ip' | 'dest_ip';
  matches: MatchSpec[];
  conditions: ConditionSpec[];
  flow?: FlowSpec;
  flowbits: FlowbitsSpec[];
  xbits?: XbitsSpec[];
  flowint?: FlowintSpec[];
  tag?: TagSpec;
  /** What of the rule netsift does not do, though it loads it (e.g. tag's packet logging). */
  notices?: string[];
  threshold?: ThresholdSpec;
  detectionFilter?: DetectionFilterSpec;
  /** Every sticky buffer or buffer modifier the rule uses, in order of first use. */
  buffers: string[];
  /** Variables defined by byte_extract, in order. */
  byteVars: string[];
  /** `flowbits:noalert` or similar: the rule sets state but never alerts. */
  noalert: boolean;
  /** Set by tcp-pkt / tcp-stream protocols: inspect only packets or only the stream. */
  streamMode?: 'pkt' | 'stream';
  /** Transforms per sticky buffer, in rule order (applied before the buffer's keywords). */
  transforms?: Record<string, TransformName[]>;
}

/** Buffer transforms netsift applies (src/alerts/verify.ts). */
export type TransformName = 'dotprefix' | 'to_lowercase' | 'strip_whitespace' | 'url_decode';

/** The state a keyword parser may read and extend while a rule is being built. */
export interface RuleDraft extends Rule {
  /** The sticky buffer currently in force. */
  currentBuffer: string;
  /** The last content keyword (content modifiers attach to it). */
  lastContent?: ContentSpec;
  /** Keywords seen so far (singletons like sid may appear once). */
  seen: Set<string>;
}
