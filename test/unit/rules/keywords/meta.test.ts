/** Tests of the meta keywords: msg, sid, rev, gid, classtype, priority, reference, metadata, target, noalert. */
import { describe, expect, it } from 'vitest';
import { opts, parse, reason } from '../helpers.js';

const parseSid0 = (): string =>
  parse('alert tcp any any -> any any (sid:0;)').failure?.issues[0]?.message ?? '';

describe('meta keywords', () => {
  it('msg: quoted or bare, every backslash escape resolved (Suricata strips them all)', () => {
    expect(opts('msg:"a \\"b\\" \\; c";').msg).toBe('a "b" ; c');
    expect(opts('msg:"Apache \\r\\n";').msg).toBe('Apache rn');
    expect(opts('msg:bare;').msg).toBe('bare');
    expect(reason('msg:"open;')).toMatch(/unterminated quoted value/);
    expect(reason('msg;')).toBe('msg: needs a value');
  });
  it('sid, rev, gid, priority: integers within bounds', () => {
    expect(opts('rev:7; gid:3;')).toMatchObject({ rev: 7, gid: 3, sid: 1 });
    expect(reason('rev:x;')).toBe('rev: "x" is not an integer');
    expect(reason('priority:0;')).toBe('priority: 0 is out of range 1..255');
    expect(parseSid0()).toMatch(/sid: 0 is out of range 1\.\./);
  });
  it('classtype, reference, metadata, target, noalert', () => {
    expect(reason('classtype:bad name;')).toMatch(/is not a class name/);
    expect(reason('reference:cve;')).toMatch(/is not <type>,<value>/);
    expect(opts('reference:cve,2021-44228; reference:url,a.b/c;').references).toHaveLength(2);
    expect(opts('metadata:a 1, b, c 3 4; metadata:d 5;').metadata).toEqual([
      ['a', '1'],
      ['b', ''],
      ['c', '3 4'],
      ['d', '5'],
    ]);
    expect(reason('target:src;')).toBe('target: "src" is not src_ip or dest_ip');
    expect(reason('target:src_ip; target:dest_ip;')).toMatch(/appears more than once/);
    expect(opts('noalert;').noalert).toBe(true);
    expect(opts('msg:"x";').noalert).toBe(false);
  });
});
