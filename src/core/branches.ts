import { AIStreamError } from '../shared/errors';
import type { BranchTree } from './branch-tree';
import type { BranchInfo, ConversationTree, Message } from './types';

/**
 * The branches of one AIStream's conversation. The active path stays AIStream's plain array;
 * the tree of what is off it (branch-tree.ts) loads the first time a branch is made, so a chat
 * that never edits or regenerates carries only this.
 */
export class Branches {
  #tree: BranchTree | undefined;
  /** Bumped by clear(): a change queued before it is dropped. */
  #epoch = 0;
  /** Tree changes in order; settles once each change queued so far is in the tree. */
  queue: Promise<void> | undefined;

  /** `changed` re-renders once a queued change is in. */
  constructor(readonly changed: () => void) {}

  /**
   * Keeps `path` (the whole path, before it is cut) in the tree, so what is cut stays a branch;
   * with `drop`, forgets that message (a failed reply) instead.
   */
  keep(path: readonly Message[], drop?: string): void {
    if (drop && !this.queue) return; // no tree yet: nothing to forget
    const epoch = this.#epoch;
    this.queue = (this.queue ?? Promise.resolve())
      .then(async () => {
        const { BranchTree } = await import('./branch-tree');
        if (epoch !== this.#epoch) return;
        (this.#tree ??= new BranchTree()).keep(path, drop);
        this.changed();
      })
      .catch(() => {}); // the tree code did not load (offline): the edit goes on without its branch
  }

  /** Forgets every branch (reset, setMessages). */
  clear(): void {
    this.#tree = undefined;
    this.#epoch++;
  }

  info(path: readonly Message[], messageId: string): BranchInfo {
    return this.#tree?.info(path, messageId) ?? { index: 0, count: 1 };
  }

  /** The active path after switching `messageId` to its sibling at `index`. */
  switchTo(path: readonly Message[], messageId: string, index: number): Message[] {
    if (this.#tree) return this.#tree.switchTo(path, messageId, index);
    if (index !== 0 || !path.some((message) => message.id === messageId)) throw new AIStreamError('invalid', `No branch ${index} of ${messageId}`);
    return path.slice();
  }

  /** The whole conversation as plain JSON (a copy: changing it changes nothing here). */
  toJSON(path: readonly Message[]): ConversationTree {
    // Without branches the one path is written out here: a chat that only saves does not load the tree code.
    let tree = this.#tree?.toJSON(path);
    if (!tree) {
      tree = { version: 1, nodes: {}, children: {}, active: {} };
      let parent = '';
      for (const message of path) {
        tree.nodes[message.id] = { message, parent };
        tree.children[parent] = [message.id];
        parent = tree.active[parent] = message.id;
      }
    }
    return JSON.parse(JSON.stringify(tree)) as ConversationTree;
  }

  /** Restores a tree from `getConversation()`; resolves to its active path. */
  async restore(value: unknown, assertIdle: () => void): Promise<Message[]> {
    const { BranchTree } = await import('./branch-tree');
    const tree = BranchTree.parse(value);
    assertIdle(); // a reply may have started while the module loaded
    this.clear();
    this.#tree = tree;
    return tree.path();
  }
}
