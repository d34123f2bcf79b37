import { AIStreamError } from './errors';
import type { BranchInfo, ConversationTree, Message } from './types';

type TreeModule = typeof import('./conversation-tree');

/**
 * The branches of one AIStream's conversation. The active path stays AIStream's plain array;
 * this holds what is off it. Thin on purpose: the tree code (conversation-tree.ts) loads the
 * first time a branch is made, so a chat that never edits or regenerates does not carry it.
 */
export class Branches {
  #module: TreeModule | undefined;
  #tree: ConversationTree | undefined;
  /** The path the tree was last synced with (a snapshot's frozen array: a new one per change). */
  #syncedWith: readonly Message[] | undefined;
  /** Paths kept while the module loads, applied in order once it has. */
  #pending: (readonly Message[])[] = [];
  /** Settles once the tree module has loaded (or failed to). */
  #loading: Promise<unknown> | undefined;

  /** Called once the tree changed behind AIStream's back (the module loaded): re-render. */
  constructor(private readonly changed: () => void) {}

  /** Keeps `path` (the whole path, before it is cut) in the tree, so what is replaced stays a branch. */
  keep(path: readonly Message[]): void {
    if (this.#module) return void (this.#tree = this.#module.syncPath(this.#tree ?? this.#module.emptyTree(), path));
    if (this.#pending.push(path) > 1) return;
    this.#loading = this.#load().then(
      () => this.changed(),
      () => (this.#pending = []), // offline: the edit still works, without its branch
    );
  }

  /** Waits until every branch kept so far is in the tree (the first one loads the tree module). */
  settled(): Promise<unknown> | undefined {
    return this.#loading;
  }

  /** Forgets `messageId` (a failed reply about to be retried) if the tree holds it. */
  drop(path: readonly Message[], messageId: string): void {
    const tree = this.tree(path);
    if (tree) this.#tree = this.#module!.removeLeaf(tree, messageId);
  }

  /** Forgets every branch (reset, setMessages). */
  clear(): void {
    this.#tree = this.#syncedWith = undefined;
    this.#pending = [];
  }

  /** The tree with `path` as its active path; undefined while there are no branches. */
  tree(path: readonly Message[]): ConversationTree | undefined {
    if (this.#tree && this.#syncedWith !== path) {
      this.#tree = this.#module!.syncPath(this.#tree, path);
      this.#syncedWith = path;
    }
    return this.#tree;
  }

  info(path: readonly Message[], messageId: string): BranchInfo {
    const tree = this.tree(path);
    return tree ? this.#module!.branchesOf(tree, messageId) : { index: 0, count: 1 };
  }

  /** The active path after switching `messageId` to its sibling at `index`. */
  switchTo(path: readonly Message[], messageId: string, index: number): Message[] {
    const tree = this.tree(path);
    if (!tree) {
      if (index === 0 && path.some((m) => m.id === messageId)) return path.slice();
      throw new AIStreamError('invalid', `Message ${messageId} has no branch ${index}`);
    }
    this.#tree = this.#module!.switchBranch(tree, messageId, index);
    return this.#module!.activePath(this.#tree);
  }

  /** The whole conversation as plain JSON (a copy: changing it changes nothing here). */
  toJSON(path: readonly Message[]): ConversationTree {
    let tree = this.tree(path);
    if (!tree) {
      // No branches: one path, written out here so a chat that only saves does not load the tree code.
      const empty = () => Object.create(null) as Record<string, never>;
      tree = { version: 1, nodes: empty(), children: empty(), active: empty() };
      let parent = '';
      for (const message of path) {
        tree.nodes[message.id] = { message, parent };
        tree.children[parent] = [message.id];
        tree.active[parent] = message.id;
        parent = message.id;
      }
    }
    return JSON.parse(JSON.stringify(tree)) as ConversationTree;
  }

  /** Restores a tree from `getConversation()`; resolves to its active path. */
  async restore(value: unknown, assertIdle: () => void): Promise<Message[]> {
    const module = await this.#load();
    const tree = module.parseTree(value);
    assertIdle(); // a reply may have started while the module loaded
    this.clear();
    this.#tree = tree;
    return module.activePath(tree);
  }

  async #load(): Promise<TreeModule> {
    const module = (this.#module ??= await import('./conversation-tree'));
    for (const path of this.#pending.splice(0)) this.#tree = module.syncPath(this.#tree ?? module.emptyTree(), path);
    return module;
  }
}
