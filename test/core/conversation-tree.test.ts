import { describe, expect, it } from 'vitest';
import {
  activePath,
  branchesOf,
  emptyTree,
  parseTree,
  removeLeaf,
  switchBranch,
  syncPath,
  treeFromPath,
} from '../../src/core/conversation-tree';
import type { ConversationTree, Message } from '../../src/core/types';

const msg = (id: string, role: Message['role'] = id.startsWith('u') ? 'user' : 'assistant'): Message => ({
  id,
  role,
  content: `text of ${id}`,
  timestamp: 1,
});
const ids = (path: readonly Message[]) => path.map((m) => m.id);

const [u1, a1, u2, a2] = [msg('u1'), msg('a1'), msg('u2'), msg('a2')];

/** u1 → a1 → u2 → a2, then u2 edited into u2b → a2b (the active path). */
function editedTree(): ConversationTree {
  const kept = treeFromPath([u1, a1, u2, a2]);
  return syncPath(kept, [u1, a1, msg('u2b'), msg('a2b')]);
}

describe('conversation tree', () => {
  it('holds one path as a chain of only children', () => {
    const tree = treeFromPath([u1, a1, u2]);
    expect(ids(activePath(tree))).toEqual(['u1', 'a1', 'u2']);
    expect(tree.children).toEqual({ '': ['u1'], u1: ['a1'], a1: ['u2'] });
    expect(branchesOf(tree, 'a1')).toEqual({ index: 0, count: 1 });
    expect(activePath(emptyTree())).toEqual([]);
  });

  it('keeps a replaced continuation as an inactive sibling when the path changes below a message', () => {
    const tree = editedTree();
    expect(ids(activePath(tree))).toEqual(['u1', 'a1', 'u2b', 'a2b']);
    expect(tree.children['a1']).toEqual(['u2', 'u2b']);
    expect(branchesOf(tree, 'u2b')).toEqual({ index: 1, count: 2 });
    expect(branchesOf(tree, 'u2')).toEqual({ index: 0, count: 2 });
    // The old branch keeps its own continuation.
    expect(tree.children['u2']).toEqual(['a2']);
  });

  it('ends the path where the synced path ends (a regenerated reply not yet started)', () => {
    const tree = syncPath(treeFromPath([u1, a1]), [u1]);
    expect(ids(activePath(tree))).toEqual(['u1']);
    expect(branchesOf(tree, 'a1')).toEqual({ index: 0, count: 1 });
    const regenerated = syncPath(tree, [u1, msg('a1b')]);
    expect(branchesOf(regenerated, 'a1b')).toEqual({ index: 1, count: 2 });
  });

  it('switching restores a sibling with the continuation it had, and back', () => {
    const tree = editedTree();
    const old = switchBranch(tree, 'u2b', 0);
    expect(ids(activePath(old))).toEqual(['u1', 'a1', 'u2', 'a2']);
    const back = switchBranch(old, 'u2', 1);
    expect(ids(activePath(back))).toEqual(['u1', 'a1', 'u2b', 'a2b']);
    // Pure: the tree it was given is unchanged.
    expect(ids(activePath(tree))).toEqual(['u1', 'a1', 'u2b', 'a2b']);
    expect(switchBranch(tree, 'u2b', 1)).toBe(tree);
  });

  it('remembers the active choice inside an inactive branch', () => {
    // Under u2: a2, then a regenerated a2c. Then u2 is edited to u2b; switching back to u2 shows a2c.
    let tree = treeFromPath([u1, a1, u2, a2]);
    tree = syncPath(tree, [u1, a1, u2, msg('a2c')]);
    tree = syncPath(tree, [u1, a1, msg('u2b')]);
    tree = switchBranch(tree, 'u2b', 0);
    expect(ids(activePath(tree))).toEqual(['u1', 'a1', 'u2', 'a2c']);
  });

  it('updates a known message in place (a reply that streamed on) without a new sibling', () => {
    const tree = treeFromPath([u1, a1]);
    const longer = { ...a1, content: 'more' };
    const next = syncPath(tree, [u1, longer]);
    expect(next.children['u1']).toEqual(['a1']);
    expect(activePath(next)[1]!.content).toBe('more');
    expect(syncPath(next, [u1, longer])).toBe(next); // nothing changed: the same tree
    expect(tree.nodes['a1']!.message.content).toBe('text of a1');
  });

  it('refuses a path that puts a known message after another parent', () => {
    const tree = treeFromPath([u1, a1]);
    expect(() => syncPath(tree, [msg('u0'), a1])).toThrow(expect.objectContaining({ code: 'invalid' }));
  });

  it('switchBranch refuses unknown ids and out-of-range indexes', () => {
    const tree = editedTree();
    expect(() => switchBranch(tree, 'nope', 0)).toThrow(expect.objectContaining({ code: 'invalid' }));
    expect(() => switchBranch(tree, 'u2b', 2)).toThrow(/2 branch/);
    expect(() => switchBranch(tree, 'u2b', -1)).toThrow(expect.objectContaining({ code: 'invalid' }));
    expect(() => switchBranch(tree, 'u2b', 0.5)).toThrow(expect.objectContaining({ code: 'invalid' }));
  });

  it('removeLeaf forgets a failed reply and its place among siblings', () => {
    let tree = syncPath(treeFromPath([u1, a1]), [u1, msg('a1b')]);
    tree = removeLeaf(tree, 'a1b');
    expect(tree.children['u1']).toEqual(['a1']);
    expect(ids(activePath(tree))).toEqual(['u1']);
    expect(tree.nodes['a1b']).toBeUndefined();
    expect(removeLeaf(tree, 'u1')).toBe(tree); // not a leaf: unchanged
  });

  it('treats ids like __proto__ as plain keys', () => {
    const odd = [msg('__proto__', 'user'), msg('constructor', 'assistant')];
    const tree = syncPath(treeFromPath(odd), [odd[0]!, msg('toString', 'assistant')]);
    expect(branchesOf(tree, 'toString')).toEqual({ index: 1, count: 2 });
    expect(ids(activePath(switchBranch(tree, 'toString', 0)))).toEqual(['__proto__', 'constructor']);
    expect(ids(activePath(parseTree(JSON.parse(JSON.stringify(tree)))))).toEqual(['__proto__', 'toString']);
  });
});

describe('parseTree', () => {
  it('round-trips a tree through JSON', () => {
    const tree = switchBranch(editedTree(), 'u2b', 0);
    const parsed = parseTree(JSON.parse(JSON.stringify(tree)));
    expect(ids(activePath(parsed))).toEqual(['u1', 'a1', 'u2', 'a2']);
    expect(ids(activePath(switchBranch(parsed, 'u2', 1)))).toEqual(['u1', 'a1', 'u2b', 'a2b']);
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(JSON.parse(JSON.stringify(tree)));
  });

  const valid = () => JSON.parse(JSON.stringify(editedTree())) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it.each([
    ['not an object', () => 'tree', /not an object/],
    ['an unknown version', () => ({ ...valid(), version: 2 }), /version 2/],
    ['a node without a message', () => ({ ...valid(), nodes: { ...valid().nodes, u1: { parent: '' } } }), /node u1/],
    ['a message under another id', () => ({ ...valid(), nodes: { ...valid().nodes, u1: { message: msg('x'), parent: '' } } }), /another id/],
    ['a message without a role', () => ({ ...valid(), nodes: { ...valid().nodes, u1: { message: { ...msg('u1'), role: 'robot' }, parent: '' } } }), /role/],
    ['a message without text', () => ({ ...valid(), nodes: { ...valid().nodes, u1: { message: { ...msg('u1'), content: 3 }, parent: '' } } }), /text/],
    ['a child listed under the wrong parent', () => ({ ...valid(), children: { ...valid().children, '': ['u1', 'a1'] } }), /does not follow/],
    ['a repeated child', () => ({ ...valid(), children: { ...valid().children, u1: ['a1', 'a1'] } }), /repeat/],
    ['a message missing from the children', () => ({ ...valid(), children: { ...valid().children, u1: [] } }), /missing/],
    ['an active child that is not a child', () => ({ ...valid(), active: { ...valid().active, u1: 'u2' } }), /active child/],
    [
      'a cycle',
      () => {
        const tree = valid();
        tree.nodes.x = { message: msg('x'), parent: 'y' };
        tree.nodes.y = { message: msg('y'), parent: 'x' };
        tree.children.x = ['y'];
        tree.children.y = ['x'];
        return tree;
      },
      /do not form a tree/,
    ],
  ])('refuses %s with an invalid error', (_name, make, message) => {
    let caught: unknown;
    try {
      parseTree(make());
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ name: 'AIStreamError', code: 'invalid' });
    expect((caught as Error).message).toMatch(message);
  });
});
