import { AIStreamError } from '../shared/errors';
import type { ConversationTree, Message } from './types';

/**
 * The conversation as a tree: editing a message or regenerating a reply adds a sibling instead
 * of replacing it. Pure functions on a JSON-serialisable value (what `getConversation()` returns);
 * each returns a new tree and never changes the one it was given.
 *
 * AIStream keeps the active path as a plain array (every existing use of `messages` reads that)
 * and loads this module only once a branch exists; `syncPath` writes the current path back into
 * the tree before any question is asked of it.
 */

/** The parent key of a conversation's first messages. */
export const START = '';

type Table<T> = Record<string, T>;

/** A record without a prototype: ids such as `__proto__` or `constructor` are plain keys. */
function table<T>(from?: Table<T>): Table<T> {
  return Object.assign(Object.create(null) as Table<T>, from);
}

const has = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);

export function emptyTree(): ConversationTree {
  return { version: 1, nodes: table(), children: table(), active: table() };
}

/** The active path: from the start, each message's active child, until a message has none. */
export function activePath(tree: ConversationTree): Message[] {
  const path: Message[] = [];
  for (let id = tree.active[START]; id !== undefined && has(tree.nodes, id); id = tree.active[id]) {
    path.push(tree.nodes[id]!.message);
  }
  return path;
}

/**
 * Writes `path` into the tree as its active path: new messages become the active child of the
 * one before them, known ones are updated (a reply that streamed on), and the path ends where
 * `path` ends (an older continuation of its last message stays as an inactive branch).
 * Returns `tree` itself when nothing changed.
 */
export function syncPath(tree: ConversationTree, path: readonly Message[]): ConversationTree {
  let nodes = tree.nodes;
  let children = tree.children;
  let active = tree.active;
  let parent = START;
  for (const message of path) {
    const node = has(nodes, message.id) ? nodes[message.id] : undefined;
    if (node?.parent !== undefined && node.parent !== parent) {
      throw new AIStreamError('invalid', `Message ${message.id} already follows another message in this conversation`);
    }
    if (node?.message !== message) {
      if (nodes === tree.nodes) nodes = table(nodes);
      nodes[message.id] = { message, parent };
    }
    if (!node) {
      if (children === tree.children) children = table(children);
      children[parent] = [...(children[parent] ?? []), message.id];
    }
    if (active[parent] !== message.id) {
      if (active === tree.active) active = table(active);
      active[parent] = message.id;
    }
    parent = message.id;
  }
  if (has(active, parent)) {
    if (active === tree.active) active = table(active);
    delete active[parent];
  }
  return nodes === tree.nodes && children === tree.children && active === tree.active ? tree : { version: 1, nodes, children, active };
}

/** A tree holding one path and nothing else. */
export function treeFromPath(path: readonly Message[]): ConversationTree {
  return syncPath(emptyTree(), path);
}

/** Where a message stands among its siblings: `index` of `count` (0-based). Unknown ids are 0 of 1. */
export function branchesOf(tree: ConversationTree, messageId: string): { index: number; count: number } {
  const node = has(tree.nodes, messageId) ? tree.nodes[messageId] : undefined;
  const siblings = node ? tree.children[node.parent] : undefined;
  return siblings ? { index: siblings.indexOf(messageId), count: siblings.length } : { index: 0, count: 1 };
}

/**
 * Makes the sibling at `index` (of `messageId`'s siblings) active. The path then continues the
 * way it last did below that sibling, so switching back restores a whole continuation.
 */
export function switchBranch(tree: ConversationTree, messageId: string, index: number): ConversationTree {
  const node = has(tree.nodes, messageId) ? tree.nodes[messageId] : undefined;
  if (!node) throw new AIStreamError('invalid', `No message ${messageId} in this conversation`);
  const siblings = tree.children[node.parent]!;
  if (!Number.isInteger(index) || index < 0 || index >= siblings.length) {
    throw new AIStreamError('invalid', `Message ${messageId} has ${siblings.length} branch(es); there is no index ${index}`);
  }
  const id = siblings[index]!;
  if (tree.active[node.parent] === id) return tree;
  return { ...tree, active: table({ ...tree.active, [node.parent]: id }) };
}

/** Removes a message that nothing follows (a failed reply about to be retried). */
export function removeLeaf(tree: ConversationTree, messageId: string): ConversationTree {
  const node = has(tree.nodes, messageId) ? tree.nodes[messageId] : undefined;
  if (!node || tree.children[messageId]?.length) return tree;
  const nodes = table(tree.nodes);
  const children = table(tree.children);
  const active = table(tree.active);
  delete nodes[messageId];
  children[node.parent] = children[node.parent]!.filter((id) => id !== messageId);
  if (!children[node.parent]!.length) delete children[node.parent];
  if (active[node.parent] === messageId) delete active[node.parent];
  return { version: 1, nodes, children, active };
}

/**
 * What AIStream does before it cuts the active path: `path` (the path before the cut) goes into
 * the tree, so the part cut off stays a branch; with `drop`, that message (a failed reply about to
 * be retried) is forgotten instead. Starts a tree when there is none.
 */
export function keepPath(tree: ConversationTree | undefined, path: readonly Message[], drop?: string): ConversationTree | undefined {
  if (drop) return tree && removeLeaf(syncPath(tree, path), drop);
  return syncPath(tree ?? emptyTree(), path);
}

/** Checks that `value` is a tree `getConversation()` could have made; returns it with fresh tables. */
export function parseTree(value: unknown): ConversationTree {
  const fail = (why: string): never => {
    throw new AIStreamError('invalid', `setConversation() needs a value from getConversation(): ${why}`);
  };
  if (!isRecord(value)) return fail('not an object');
  if (value.version !== 1) return fail(`unknown version ${String(value.version)}`);
  const { nodes, children, active } = value;
  if (!isRecord(nodes) || !isRecord(children) || !isRecord(active)) return fail('nodes, children and active must be objects');
  const tree = emptyTree();
  for (const id of Object.keys(nodes)) {
    const node = nodes[id];
    if (!isRecord(node) || !isRecord(node.message) || typeof node.parent !== 'string') return fail(`node ${id} is not { message, parent }`);
    const message = node.message;
    if (message.id !== id || !id) return fail(`node ${id} holds a message with another id`);
    if (message.role !== 'user' && message.role !== 'assistant' && message.role !== 'system') return fail(`message ${id} has no valid role`);
    if (typeof message.content !== 'string') return fail(`message ${id} has no text content`);
    tree.nodes[id] = { message: message as unknown as Message, parent: node.parent };
  }
  let seen = 0;
  for (const parent of Object.keys(children)) {
    const ids = children[parent];
    if (!Array.isArray(ids)) return fail(`children of ${parent || 'the start'} is not a list`);
    for (const id of ids) {
      if (typeof id !== 'string' || !has(tree.nodes, id) || tree.nodes[id]!.parent !== parent) {
        return fail(`${String(id)} is listed under ${parent || 'the start'} but does not follow it`);
      }
    }
    if (new Set(ids).size !== ids.length) return fail(`children of ${parent || 'the start'} repeat an id`);
    seen += ids.length;
    tree.children[parent] = ids.slice() as string[];
  }
  if (seen !== Object.keys(tree.nodes).length) return fail('a message is missing from its parent’s children');
  for (const parent of Object.keys(active)) {
    const id = active[parent];
    if (typeof id !== 'string' || !tree.children[parent]?.includes(id)) return fail(`the active child of ${parent || 'the start'} is not one of its children`);
    tree.active[parent] = id;
  }
  // Every message is reachable from the start exactly once: no cycles, no orphans.
  let reached = 0;
  const queue = [START];
  while (queue.length) {
    for (const id of tree.children[queue.pop()!] ?? []) {
      reached++;
      queue.push(id);
    }
  }
  if (reached !== seen) return fail('messages do not form a tree from the start of the conversation');
  return tree;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
