/**
 * Address and port variables ($HOME_NET, $HTTP_PORTS, ...). Defaults are Suricata's default
 * suricata.yaml (as listed in shared/corpus/suricata-verify/README.md "Defaults these tests
 * assume"); overrides come from a JSON or YAML file shaped like suricata.yaml
 * (`vars: {address-groups: {...}, port-groups: {...}}`, or those two keys at the top level) and
 * from `--set NAME=VALUE` (also `vars.address-groups.NAME=VALUE`, Suricata's --set form).
 * Address variables are looked up only in address context and port variables in port context.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../errors.js';
import type { VarLookup } from './values/address.js';

export const DEFAULT_ADDRESS_GROUPS: Readonly<Record<string, string>> = {
  HOME_NET: '[192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]',
  EXTERNAL_NET: '!$HOME_NET',
  HTTP_SERVERS: '$HOME_NET',
  SMTP_SERVERS: '$HOME_NET',
  SQL_SERVERS: '$HOME_NET',
  DNS_SERVERS: '$HOME_NET',
  TELNET_SERVERS: '$HOME_NET',
  AIM_SERVERS: '$EXTERNAL_NET',
  DC_SERVERS: '$HOME_NET',
  DNP3_SERVER: '$HOME_NET',
  DNP3_CLIENT: '$HOME_NET',
  MODBUS_CLIENT: '$HOME_NET',
  MODBUS_SERVER: '$HOME_NET',
  ENIP_CLIENT: '$HOME_NET',
  ENIP_SERVER: '$HOME_NET',
};

export const DEFAULT_PORT_GROUPS: Readonly<Record<string, string>> = {
  HTTP_PORTS: '80',
  SHELLCODE_PORTS: '!80',
  ORACLE_PORTS: '1521',
  SSH_PORTS: '22',
  DNP3_PORTS: '20000',
  MODBUS_PORTS: '502',
  FILE_DATA_PORTS: '[$HTTP_PORTS,110,143]',
  FTP_PORTS: '21',
  GENEVE_PORTS: '6081',
  VXLAN_PORTS: '4789',
  TEREDO_PORTS: '3544',
};

export interface RuleVars {
  readonly address: Record<string, string>;
  readonly port: Record<string, string>;
}

export function defaultVars(): RuleVars {
  return { address: { ...DEFAULT_ADDRESS_GROUPS }, port: { ...DEFAULT_PORT_GROUPS } };
}

export function addressLookup(vars: RuleVars): VarLookup {
  return (name) => (Object.hasOwn(vars.address, name) ? vars.address[name] : undefined);
}

export function portLookup(vars: RuleVars): VarLookup {
  return (name) => (Object.hasOwn(vars.port, name) ? vars.port[name] : undefined);
}

function groupValue(v: unknown, where: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => groupValue(x, where)).join(',')}]`;
  throw new ConfigError(`${where}: expected a string or number, got ${JSON.stringify(v)}`, { where });
}

/** Merge the groups of a parsed suricata.yaml-shaped document into `vars` (mutates and returns it). */
export function applyVarsDocument(vars: RuleVars, doc: unknown, file: string): RuleVars {
  if (doc === null || typeof doc !== 'object') {
    throw new ConfigError(`${file}: expected a mapping with vars.address-groups / vars.port-groups`, {
      file,
    });
  }
  const root = doc as Record<string, unknown>;
  const v = (root.vars !== undefined ? root.vars : root) as Record<string, unknown> | null;
  if (v === null || typeof v !== 'object')
    throw new ConfigError(`${file}: "vars" is not a mapping`, { file });
  const addr = v['address-groups'];
  const port = v['port-groups'];
  if (addr === undefined && port === undefined) {
    throw new ConfigError(`${file}: no address-groups or port-groups found`, { file });
  }
  for (const [key, into] of [
    ['address-groups', vars.address],
    ['port-groups', vars.port],
  ] as const) {
    const g = v[key];
    if (g === undefined || g === null) continue;
    if (typeof g !== 'object' || Array.isArray(g))
      throw new ConfigError(`${file}: ${key} is not a mapping`, { file });
    for (const [name, val] of Object.entries(g)) into[name] = groupValue(val, `${file}: ${key}.${name}`);
  }
  return vars;
}

/** Read a JSON (.json) or YAML (anything else) variables file. */
export function loadVarsFile(vars: RuleVars, file: string): RuleVars {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: cannot read variables file: ${(e as Error).message}`, { file });
  }
  let doc: unknown;
  try {
    doc = file.endsWith('.json')
      ? JSON.parse(text)
      : parseYaml(text.replace(/^%YAML[^\n]*\n(?:---\s*\n)?/, ''));
  } catch (e) {
    throw new ConfigError(`${file}: cannot parse: ${(e as Error).message}`, { file });
  }
  return applyVarsDocument(vars, doc, file);
}

/**
 * Apply `NAME=VALUE`. A name already known as a port group (or ending in _PORTS) sets a port
 * group; otherwise an address group. `vars.address-groups.NAME=` / `vars.port-groups.NAME=` are explicit.
 */
export function applySet(vars: RuleVars, assignment: string): RuleVars {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new ConfigError(`--set ${assignment}: expected NAME=VALUE`, { assignment });
  let name = assignment.slice(0, eq).trim();
  const value = assignment.slice(eq + 1).trim();
  let kind: 'address' | 'port' | undefined;
  const m = /^vars\.(address|port)-groups\.(.+)$/.exec(name);
  if (m && m[1] !== undefined && m[2] !== undefined) {
    kind = m[1] as 'address' | 'port';
    name = m[2];
  } else if (name.includes('.')) {
    throw new ConfigError(`--set ${assignment}: only variables (NAME=VALUE) can be set here`, { assignment });
  }
  name = name.replace(/^\$/, '');
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new ConfigError(`--set ${assignment}: "${name}" is not a variable name`, { assignment });
  }
  kind ??= Object.hasOwn(vars.port, name) || name.endsWith('_PORTS') ? 'port' : 'address';
  (kind === 'port' ? vars.port : vars.address)[name] = value;
  return vars;
}
