/**
 * How the body is framed, before knowing which dialect its events speak. `json` is a whole
 * non-streaming reply (a server that ignored `stream: true`).
 */
export type BodyFraming = 'sse' | 'ndjson' | 'text' | 'json';

/**
 * `undefined` when there is no content type or a generic binary one (the body must be sniffed).
 * JSON types (`application/json`, `…+json`) are `json`. Any other type (an SPA's `text/html`
 * fallback page, an image) is `unsupported`: no streaming reply comes with it.
 */
export function framingFromContentType(contentType: string | null | undefined): BodyFraming | 'unsupported' | undefined {
  const mediaType = contentType?.split(';')[0]!.trim().toLowerCase();
  if (!mediaType || mediaType === 'application/octet-stream') return undefined;
  if (mediaType === 'text/event-stream') return 'sse';
  if (mediaType === 'text/plain') return 'text';
  if (/^application\/(x-ndjson|ndjson|jsonl|json-seq)$/.test(mediaType)) return 'ndjson';
  if (mediaType === 'application/json' || mediaType.endsWith('+json')) return 'json';
  return 'unsupported';
}
