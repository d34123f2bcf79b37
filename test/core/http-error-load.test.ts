import { describe, expect, it, vi } from 'vitest';
import { openStream } from '../../src/core/request';
import { AIStreamError } from '../../src/shared/errors';

// The code that reads an error response is a chunk of its own, loaded when a request fails.
// Here that load fails too (a deploy removed the chunk, the page went offline…).
vi.mock('../../src/core/http-error', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

const failing = (status: number) => async () => new Response('{"error":{"message":"Overloaded"}}', { status, headers: { 'retry-after': '2' } });

describe('openStream when the error-response code cannot load', () => {
  it('still fails with a typed http error carrying the status, retryable as the status says', async () => {
    const signal = new AbortController().signal;
    const overloaded = await openStream({ endpoint: 'http://127.0.0.1:1/chat', fetch: failing(503) }, { body: {}, signal }).catch((error: unknown) => error);
    expect(overloaded).toBeInstanceOf(AIStreamError);
    expect(overloaded).toMatchObject({ code: 'http', status: 503, retryable: true, message: 'Request failed with 503' });
    const rejected = await openStream({ endpoint: 'http://127.0.0.1:1/chat', fetch: failing(400) }, { body: {}, signal }).catch((error: unknown) => error);
    expect(rejected).toMatchObject({ code: 'http', status: 400, retryable: false });
  });
});
