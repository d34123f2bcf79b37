import type { ConversationTree, Message } from './types';

/** A conversation without branches as ConversationTree JSON: one path. */
export function onePath(path: readonly Message[]): ConversationTree {
  const tree: ConversationTree = { version: 1, nodes: {}, children: {}, active: {} };
  let parent = '';
  for (const message of path) {
    tree.nodes[message.id] = { message, parent };
    tree.children[parent] = [message.id];
    parent = tree.active[parent] = message.id;
  }
  return tree;
}
