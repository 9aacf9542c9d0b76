/**
 * Destination-port groups (src/rules/compile/port-groups.ts): which segments get a group, and
 * which groups a rule joins, so that every port's group holds every rule that can apply to it.
 */
import { describe, expect, it } from 'vitest';
import {
  planPortGroups,
  portGroupsOf,
  PORT_GROUP_MIN_RULES,
} from '../../../../src/rules/compile/port-groups.js';
import { loadRuleText } from '../../../../src/rules/loader.js';
import type { Rule } from '../../../../src/rules/types.js';

function rules(headers: string[]): Rule[] {
  return loadRuleText(headers.map((h, i) => `alert tcp any any ${h} (content:"x"; sid:${i + 1};)`).join('\n'))
    .rules;
}

const many = (h: string): string[] => Array.from({ length: PORT_GROUP_MIN_RULES }, () => h);

describe('destination-port groups', () => {
  it('gives the much-named segments a group, at most maxGroups, sorted by port', () => {
    const rs = rules([
      ...many('-> any 445'),
      ...many('-> any 445'),
      ...many('-> any 80'),
      '-> any 21',
      '-> any any',
    ]);
    expect(planPortGroups(rs, 4)).toEqual([
      { lo: 80, hi: 80 },
      { lo: 445, hi: 445 },
    ]);
    expect(planPortGroups(rs, 1)).toEqual([{ lo: 445, hi: 445 }]);
    expect(planPortGroups(rs, 0)).toEqual([]);
  });

  it('splits ranges into segments no list starts or ends inside', () => {
    const rs = rules([...many('-> any 1024:'), ...many('-> any 1521')]);
    expect(planPortGroups(rs, 4)).toEqual([
      { lo: 1024, hi: 1520 },
      { lo: 1521, hi: 1521 },
      { lo: 1522, hi: 65535 },
    ]);
  });

  it('puts port-agnostic rules everywhere and the others where their ports are', () => {
    const segs = [
      { lo: 80, hi: 80 },
      { lo: 445, hi: 445 },
    ];
    const [any, bidir, p80, p80and445, p80and21, notP80] = rules([
      '-> any any',
      '<> any 445',
      '-> any 80',
      '-> any [80,445]',
      '-> any [21,80]',
      '-> any !80',
    ]) as Rule[];
    expect(portGroupsOf(any!, segs)).toEqual([-1, 0, 1]);
    expect(portGroupsOf(bidir!, segs)).toEqual([-1, 0, 1]);
    expect(portGroupsOf(p80!, segs)).toEqual([0]);
    expect(portGroupsOf(p80and445!, segs)).toEqual([0, 1]);
    expect(portGroupsOf(p80and21!, segs)).toEqual([0, -1]);
    expect(portGroupsOf(notP80!, segs)).toEqual([1, -1]);
  });
});
