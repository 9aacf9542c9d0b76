import { describe, expect, it } from 'vitest';
import { formatRuleIssue } from '../../../src/errors.js';
import { createParseContext, parseRule } from '../../../src/rules/parser.js';
import { addressContains } from '../../../src/rules/values/address.js';
import { portContains } from '../../../src/rules/values/port.js';
import { addressLookup, applySet, defaultVars, portLookup } from '../../../src/rules/vars.js';
import { fails, opts, parse } from './helpers.js';

describe('rule header', () => {
  it('parses every action and records direction, addresses and ports', () => {
    for (const a of ['alert', 'pass', 'drop', 'reject', 'rejectsrc', 'rejectdst', 'rejectboth']) {
      expect(parse(`${a} tcp any any -> any any (sid:1;)`).rule?.action).toBe(a);
    }
    const r = opts('msg:"x";', 'alert udp $HOME_NET [1024:,!5000] <> $EXTERNAL_NET $HTTP_PORTS');
    expect(r.protocol).toBe('udp');
    expect(r.header.direction).toBe('<>');
    expect(addressContains(r.header.src, '10.0.0.1')).toBe(true);
    expect(portContains(r.header.srcPorts, 5000)).toBe(false);
    expect(portContains(r.header.dstPorts, 80)).toBe(true);
    expect(r.header.dst.text).toBe('$EXTERNAL_NET');
  });
  it('accepts ip-level protocols and tcp-pkt / tcp-stream', () => {
    expect(opts('', 'alert ip any any -> any any').protocol).toBe('ip');
    expect(opts('', 'alert icmp any any -> any any').protocol).toBe('icmp');
    expect(opts('', 'alert tcp-pkt any any -> any any').streamMode).toBe('pkt');
    expect(opts('', 'alert tcp-stream any any -> any any').streamMode).toBe('stream');
  });
  it('records app protocols and gates them', () => {
    const f = fails('content:"x";', 'alert imap any any -> any any');
    expect(f.reason).toBe('app-layer protocol not supported yet: imap');
    expect(f.issues[0]?.code).toBe('ERR_RULE_UNSUPPORTED');
  });
  it('reports header errors with column and suggestion', () => {
    const f = fails('', 'alret tcp any any -> any any');
    expect(f.issues[0]?.message).toBe('unknown action "alret" (did you mean "alert"?)');
    expect(f.issues[0]?.col).toBe(1);
    expect(fails('', 'alert tcpx any any -> any any').issues[0]?.message).toMatch(/unknown protocol "tcpx"/);
    expect(fails('', 'alert tcp any any <- any any').issues[0]?.message).toMatch(/bad direction "<-"/);
    expect(fails('', 'alert tcp any -> any any').issues[0]?.message).toMatch(/expected 7 header fields/);
    const bad = fails('', 'alert tcp $NOPE any -> any any');
    expect(bad.issues[0]?.message).toMatch(/undefined variable \$NOPE/);
    expect(bad.issues[0]?.col).toBe(11);
  });
});

describe('rule options', () => {
  it('fills meta keywords', () => {
    const r = opts(
      'msg:"ET \\"quoted\\" \\; semi"; rev:3; gid:2; classtype:trojan-activity; priority:2; ' +
        'reference:url,example.com/a,b; metadata:former_category MALWARE, signature_severity Major; target:dest_ip;',
    );
    expect(r.msg).toBe('ET "quoted" ; semi');
    expect([r.sid, r.rev, r.gid, r.priority]).toEqual([1, 3, 2, 2]);
    expect(r.classtype).toBe('trojan-activity');
    expect(r.references).toEqual([{ type: 'url', value: 'example.com/a,b' }]);
    expect(r.metadata).toEqual([
      ['former_category', 'MALWARE'],
      ['signature_severity', 'Major'],
    ]);
    expect(r.target).toBe('dest_ip');
  });
  it('reports unknown keywords with a suggestion, file:line:col and sid', () => {
    const r = parse('alert tcp any any -> any any (msg:"x"; contnet:"abc"; sid:7;)');
    const i = r.failure?.issues[0];
    expect(i?.code).toBe('ERR_RULE_UNKNOWN_KEYWORD');
    expect(i?.keyword).toBe('contnet');
    expect(i && formatRuleIssue(i)).toBe(
      'test.rules:1:40 (sid 7): unknown keyword "contnet" (did you mean "content"?)',
    );
  });
  it('reports known-but-unsupported keywords by name', () => {
    const f = fails('iprep:src,Bad,>,30;');
    expect(f.reason).toBe('unsupported keyword: iprep');
    expect(f.unsupported).toEqual(['iprep']);
  });
  it('requires a sid and rejects two', () => {
    expect(parse('alert tcp any any -> any any (msg:"x";)').failure?.reason).toBe('syntax: no sid');
    expect(fails('sid:2;').issues[0]?.message).toMatch(/sid: appears more than once/);
  });
  it('keeps sid on failures that happen before the sid option', () => {
    const f = parse('alert tcp any any -> any any (content:"|4|"; sid:99;)').failure;
    expect(f?.sid).toBe(99);
    expect(f?.issues[0]?.keyword).toBe('content');
    expect(f?.reason).toBe('bad value: content');
  });
  it('records sticky buffers on contents and gates them with one reason', () => {
    const f = fails('sip.method; content:"/a"; ssh.proto; content:"b"; pkt_data; content:"c";');
    expect(f.reason).toBe('app-layer buffer not supported yet: sip.method');
    expect(f.unsupported).toEqual(['sip.method', 'ssh.proto']);
    expect(fails('content:"a"; ssh_proto;').reason).toBe('app-layer buffer not supported yet: ssh.proto');
    expect(parse('alert tcp any any -> any any (pcre:"/a/U"; sid:1;)').rule?.buffers).toEqual(['http.uri']);
  });
  it('ranks real errors before app-layer', () => {
    const f = fails('sip.method; content:"a"; depth:abc;');
    expect(f.reason).toBe('bad value: depth');
    expect(f.issues.map((i) => i.code)).toEqual(['ERR_RULE_BAD_VALUE', 'ERR_RULE_UNSUPPORTED']);
  });
  it('checks classtype against classification.config when given', () => {
    const v = defaultVars();
    const cls = new Map([['trojan-activity', { name: 'trojan-activity', description: 'x', priority: 1 }]]);
    const ctx = createParseContext(addressLookup(v), portLookup(v), cls);
    const ok = parseRule(
      'alert tcp any any -> any any (classtype:trojan-activity; sid:1;)',
      { file: 'f', line: 1 },
      ctx,
    );
    expect(ok.ok && ok.rule.priority).toBe(1);
    const bad = parseRule(
      'alert tcp any any -> any any (classtype:trojan-activty; sid:1;)',
      { file: 'f', line: 1 },
      ctx,
    );
    expect(!bad.ok && bad.failure.issues[0]?.message).toMatch(/did you mean "trojan-activity"/);
  });
  it('uses --set overrides', () => {
    const v = applySet(defaultVars(), 'HOME_NET=[1.1.1.0/24]');
    const ctx = createParseContext(addressLookup(v), portLookup(v));
    const r = parseRule('alert tcp $HOME_NET any -> any any (sid:1;)', { file: 'f', line: 1 }, ctx);
    expect(r.ok && addressContains(r.rule.header.src, '1.1.1.9')).toBe(true);
    expect(r.ok && addressContains(r.rule.header.src, '10.0.0.1')).toBe(false);
  });
});
