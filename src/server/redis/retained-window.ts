/**
 * The producer's view of what its stream keeps: the sizes of the newest events, within
 * `maxEvents` and `maxBytes`. Its first sequence number is the XADD `MINID`, so Redis trims
 * by bytes as well as by count. Memory: one number per kept event.
 */
export class RetainedWindow {
  readonly #maxEvents: number;
  readonly #maxBytes: number;
  #sizes: number[] = [];
  #head = 0;
  #bytes = 0;
  /** Sequence number of the oldest event kept (0 before the first). */
  firstSeq = 0;

  constructor(maxEvents: number, maxBytes: number) {
    this.#maxEvents = maxEvents;
    this.#maxBytes = maxBytes;
  }

  /** Adds event `seq` of `bytes` bytes and drops the oldest beyond the bounds (the newest always stays). */
  add(seq: number, bytes: number): void {
    if (this.firstSeq === 0) this.firstSeq = seq;
    this.#sizes.push(bytes);
    this.#bytes += bytes;
    while (this.#sizes.length - this.#head > 1 && (this.#sizes.length - this.#head > this.#maxEvents || this.#bytes > this.#maxBytes)) {
      this.#bytes -= this.#sizes[this.#head++]!;
      this.firstSeq++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#sizes.length) {
      this.#sizes = this.#sizes.slice(this.#head);
      this.#head = 0;
    }
  }
}
