import type { NodeByteSink, NodeResponseLike } from './node-response-transport';

/** The bits of `node:zlib` used here, typed structurally (no `@types/node` in the build). */
interface ZlibModule {
  createGzip(options: { flush: number }): GzipStream;
  constants: { Z_SYNC_FLUSH: number };
}

interface GzipStream {
  write(chunk: Uint8Array): boolean;
  once(event: 'drain', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  pipe(destination: never): unknown;
  end(): unknown;
  destroy(): unknown;
  readonly writableLength: number;
  readonly readableLength: number;
}

/**
 * `node:zlib` through `process.getBuiltinModule` (Node 20.16+, 22.3+): a static `node:` import
 * would break this package in edge runtimes and browsers bundles, even for users who never
 * compress. Undefined where it is not available.
 */
function loadZlib(): ZlibModule | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return process?.getBuiltinModule?.('node:zlib') as ZlibModule | undefined;
}

export function assertGzipAvailable(): void {
  if (!loadZlib()) {
    throw new TypeError('compressionEnabled needs Node.js 20.16+ or 22.3+ (process.getBuiltinModule); it is not available here');
  }
}

/**
 * A gzip stream in front of the response, flushed (Z_SYNC_FLUSH) after every write so each
 * event reaches the client at once instead of waiting for a full deflate block.
 */
export function createGzipSink(res: NodeResponseLike): NodeByteSink {
  const zlib = loadZlib()!;
  const gzip = zlib.createGzip({ flush: zlib.constants.Z_SYNC_FLUSH });
  gzip.on('error', () => res.destroy());
  gzip.pipe(res as never);
  return {
    write: (chunk) => gzip.write(chunk),
    once: (event, listener) => gzip.once(event, listener),
    // Ending gzip ends the response (pipe).
    end: () => void gzip.end(),
    destroy: () => void gzip.destroy(),
    get bufferedBytes() {
      return gzip.writableLength + gzip.readableLength + res.writableLength;
    },
  };
}
