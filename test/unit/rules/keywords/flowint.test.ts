/** Tests of flowint: typed specs from good values (ET Open's spelling), located messages for bad ones. */
import { describe, expect, it } from 'vitest';
import { opts, reason } from '../helpers.js';

describe('flowint', () => {
  it('modifiers, comparisons, isset / notset, another counter as operand', () => {
    const r = opts(
      'flowint: ET.infostealer.dll.download, +, 1; flowint:n,>,3; flowint:n,isset; flowint:m,isnotset; flowint:n,==,m;',
    );
    expect(r.flowint).toEqual([
      { name: 'ET.infostealer.dll.download', op: '+', value: 1 },
      { name: 'n', op: '>', value: 3 },
      { name: 'n', op: 'isset' },
      { name: 'm', op: 'notset' },
      { name: 'n', op: '==', other: 'm' },
    ]);
  });

  it('reports what it cannot read', () => {
    expect(reason('flowint:n,~,1;')).toMatch(/unknown operator "~"/);
    expect(reason('flowint:n,+;')).toMatch(/\+ needs a value/);
    expect(reason('flowint:n,isset,1;')).toMatch(/isset takes no value/);
    expect(reason('flowint:1n,=,1;')).toMatch(/not a flowint name/);
    expect(reason('flowint:n,=,1,2;')).toMatch(/too many arguments/);
  });
});
