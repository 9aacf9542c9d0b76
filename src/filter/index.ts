/**
 * --bpf filters: tcpdump's filter language (pcap-filter(7), the common primitives) compiled to a
 * program the WASM engine evaluates on every record before decoding. See README.md in this folder.
 */
export { compileFilter } from './compile.js';
export { parseFilter, type ParseOptions } from './parser.js';
export type { FilterNode } from './ast.js';
