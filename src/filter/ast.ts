/**
 * The filter AST: and/or/not over tests. A test is one engine instruction (opcode and operands,
 * the VLAN shift first where the opcode takes one); a primitive such as `host 10.0.0.1` becomes a
 * small or-tree of tests (IPv4, ARP, RARP), exactly as libpcap expands it.
 */
export type FilterNode =
  | { readonly kind: 'test'; readonly op: number; readonly args: readonly number[] }
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly expr: FilterNode };

export function test(op: number, ...args: number[]): FilterNode {
  return { kind: 'test', op, args };
}

export function or(...nodes: FilterNode[]): FilterNode {
  return nodes.reduce((left, right) => ({ kind: 'or', left, right }));
}

export function and(left: FilterNode, right: FilterNode): FilterNode {
  return { kind: 'and', left, right };
}

export function not(expr: FilterNode): FilterNode {
  return { kind: 'not', expr };
}
