import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { applySet, applyVarsDocument, defaultVars, loadVarsFile } from '../../../src/rules/vars.js';

const dir = mkdtempSync(join(tmpdir(), 'netsift-vars-'));

describe('variables', () => {
  it("has Suricata's defaults", () => {
    const v = defaultVars();
    expect(v.address.HOME_NET).toBe('[192.168.0.0/16,10.0.0.0/8,172.16.0.0/12]');
    expect(v.address.EXTERNAL_NET).toBe('!$HOME_NET');
    expect(v.address.AIM_SERVERS).toBe('$EXTERNAL_NET');
    expect(v.port.HTTP_PORTS).toBe('80');
    expect(v.port.FILE_DATA_PORTS).toBe('[$HTTP_PORTS,110,143]');
    expect(Object.keys(v.address)).toHaveLength(15);
    expect(Object.keys(v.port)).toHaveLength(11);
  });
  it('reads suricata.yaml-shaped YAML', () => {
    const f = join(dir, 'suricata.yaml');
    writeFileSync(
      f,
      '%YAML 1.1\n---\nvars:\n  address-groups:\n    HOME_NET: "[10.0.0.0/8]"\n  port-groups:\n    HTTP_PORTS: "[80,8080]"\n    SSH_PORTS: 2222\n',
    );
    const v = loadVarsFile(defaultVars(), f);
    expect(v.address.HOME_NET).toBe('[10.0.0.0/8]');
    expect(v.port.HTTP_PORTS).toBe('[80,8080]');
    expect(v.port.SSH_PORTS).toBe('2222');
    expect(v.address.DNS_SERVERS).toBe('$HOME_NET');
  });
  it('reads JSON with top-level groups', () => {
    const f = join(dir, 'vars.json');
    writeFileSync(f, JSON.stringify({ 'address-groups': { HOME_NET: ['1.1.1.1', '2.2.2.2'] } }));
    expect(loadVarsFile(defaultVars(), f).address.HOME_NET).toBe('[1.1.1.1,2.2.2.2]');
  });
  it('reports unreadable or malformed files as ConfigError naming the file', () => {
    expect(() => loadVarsFile(defaultVars(), join(dir, 'missing.yaml'))).toThrow(/missing.yaml: cannot read/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{');
    expect(() => loadVarsFile(defaultVars(), bad)).toThrow(ConfigError);
    expect(() => applyVarsDocument(defaultVars(), { foo: 1 }, 'x.yaml')).toThrow(
      /no address-groups or port-groups/,
    );
    expect(() =>
      applyVarsDocument(defaultVars(), { vars: { 'address-groups': { A: { b: 1 } } } }, 'x.yaml'),
    ).toThrow(/address-groups.A: expected a string/);
  });
  it('--set picks the group by name and accepts the Suricata form', () => {
    const v = defaultVars();
    applySet(v, 'HOME_NET=[1.2.3.0/24]');
    applySet(v, 'HTTP_PORTS=8080');
    applySet(v, 'MY_PORTS=1');
    applySet(v, 'vars.port-groups.ODD=7');
    applySet(v, 'vars.address-groups.DMZ=5.5.5.5');
    expect(v.address.HOME_NET).toBe('[1.2.3.0/24]');
    expect(v.port.HTTP_PORTS).toBe('8080');
    expect(v.port.MY_PORTS).toBe('1');
    expect(v.port.ODD).toBe('7');
    expect(v.address.DMZ).toBe('5.5.5.5');
    expect(() => applySet(v, 'novalue')).toThrow(/expected NAME=VALUE/);
    expect(() => applySet(v, 'stream.midstream=true')).toThrow(/only variables/);
  });
});
