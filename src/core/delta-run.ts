import type { StreamPart } from '../protocol/parts';

export type DeltaPart = Extract<StreamPart, { type: 'text-delta' | 'reasoning-delta' }>;

/**
 * Consecutive text (or reasoning) deltas of one network chunk, held back so the store folds
 * them into its message once instead of copying the message per token.
 *
 * Only for deltas nobody can observe one by one: the store holds a delta only while no
 * `token` / `reasoning` listener exists, and takes the run before anything else happens
 * (another part, an event, the end of the chunk). Folding "ab" once gives the same message as
 * folding "a" then "b" (the reducer extends the last part of the same type), so the state
 * after the chunk is unchanged.
 */
export class DeltaRun {
  #type: DeltaPart['type'] | undefined;
  #text = '';

  /** Holds `part` if it continues the run (or starts one). False: take() the run, then fold `part` itself. */
  hold(part: DeltaPart): boolean {
    if (this.#type !== undefined && this.#type !== part.type) return false;
    this.#type = part.type;
    this.#text += part.delta;
    return true;
  }

  /** The run as one part (undefined when nothing is held); the run starts over. */
  take(): DeltaPart | undefined {
    const type = this.#type;
    if (type === undefined) return undefined;
    const delta = this.#text;
    this.#type = undefined;
    this.#text = '';
    return { type, delta };
  }
}
