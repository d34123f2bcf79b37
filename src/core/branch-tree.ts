import { activePath, branchesOf, emptyTree, keepPath, parseTree, switchBranch, syncPath } from './conversation-tree';
import type { BranchInfo, ConversationTree, Message } from './types';

/**
 * The conversation tree of one AIStream (loaded on its first branch, see AIStream#keepBranch). AIStream
 * keeps the active path as its own array; each question first writes that path into the tree,
 * once per change (the path arrays are a snapshot's, a new one per change).
 */
export class BranchTree {
  #tree: ConversationTree;
  #synced: readonly Message[] | undefined;

  constructor(tree = emptyTree()) {
    this.#tree = tree;
  }

  /** A tree from `getConversation()`; throws 'invalid' if it is not one. */
  static parse(value: unknown): BranchTree {
    return new BranchTree(parseTree(value));
  }

  keep(path: readonly Message[], drop?: string): void {
    this.#tree = keepPath(this.#tree, path, drop)!;
    this.#synced = undefined;
  }

  #with(path: readonly Message[]): ConversationTree {
    if (this.#synced !== path) {
      this.#tree = syncPath(this.#tree, path);
      this.#synced = path;
    }
    return this.#tree;
  }

  info(path: readonly Message[], messageId: string): BranchInfo {
    return branchesOf(this.#with(path), messageId);
  }

  switchTo(path: readonly Message[], messageId: string, index: number): Message[] {
    this.#tree = switchBranch(this.#with(path), messageId, index);
    return activePath(this.#tree);
  }

  toJSON(path: readonly Message[]): ConversationTree {
    return this.#with(path);
  }

  path(): Message[] {
    return activePath(this.#tree);
  }
}
