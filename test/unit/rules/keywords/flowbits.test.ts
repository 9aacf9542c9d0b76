/** Tests of flowbits: typed specs from good values, located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import { opts, reason } from '../helpers.js';

describe('flowbits', () => {
  it('flowbits commands and groups', () => {
    const r = opts(
      'flowbits:set,a&b; flowbits:isset,c|d; flowbits:noalert; flowbits:toggle,e; flowbits:setx,f,grp;',
    );
    expect(r.flowbits).toEqual([
      { op: 'set', names: ['a', 'b'], combine: 'all', group: undefined },
      { op: 'isset', names: ['c', 'd'], combine: 'any', group: undefined },
      { op: 'noalert', names: [], combine: 'all', group: undefined },
      { op: 'toggle', names: ['e'], combine: 'all', group: undefined },
      { op: 'setx', names: ['f'], combine: 'all', group: 'grp' },
    ]);
    expect(r.noalert).toBe(true);
    expect(reason('flowbits:set,a|b;')).toMatch(/only allowed with isset/);
    expect(reason('flowbits:frob,a;')).toMatch(/unknown command "frob"/);
    expect(reason('flowbits:isset;')).toMatch(/needs a name/);
    expect(reason('flowbits:isset,a|b&c;')).toMatch(/mixes/);
  });
});
