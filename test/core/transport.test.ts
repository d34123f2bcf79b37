import { describe, expect, it } from 'vitest';
import { httpError, idleTimer, serverMessage } from '../../src/core/transport';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('serverMessage', () => {
  it('reads the error bodies providers and frameworks send', () => {
    expect(serverMessage('{"error":{"message":"Incorrect API key provided","type":"invalid_request_error","code":"invalid_api_key"}}')).toEqual({
      message: 'Incorrect API key provided',
      code: 'invalid_api_key',
    });
    expect(serverMessage('{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')).toEqual({
      message: 'Overloaded',
      code: 'overloaded_error',
    });
    expect(serverMessage('{"error":"Rate limit exceeded","code":"RATE_LIMIT"}')).toEqual({
      message: 'Rate limit exceeded',
      code: 'RATE_LIMIT',
    });
    expect(serverMessage('{"message":"Not allowed"}').message).toBe('Not allowed');
    expect(serverMessage('{"detail":"Not authenticated"}').message).toBe('Not authenticated');
    expect(serverMessage('{"detail":[{"msg":"field required"},{"msg":"too long"}]}').message).toBe('field required; too long');
    expect(serverMessage('"just a string"').message).toBe('just a string');
    expect(serverMessage('{}').message).toBeUndefined();
  });

  it('shows plain text shortened, and ignores HTML error pages', () => {
    expect(serverMessage('  Service\n unavailable  ').message).toBe('Service unavailable');
    const long = serverMessage('x'.repeat(500)).message!;
    expect(long).toHaveLength(201);
    expect(long.endsWith('…')).toBe(true);
    expect(serverMessage('<html><body><h1>502 Bad Gateway</h1></body></html>')).toEqual({});
    expect(serverMessage('')).toEqual({});
  });
});

describe('httpError', () => {
  it('builds a typed error with status, server code and Retry-After', async () => {
    const response = new Response('{"error":{"message":"Slow down","type":"rate_limit_error"}}', {
      status: 429,
      statusText: 'Too Many Requests',
      headers: { 'Retry-After': '3' },
    });
    const error = await httpError(response);
    expect(error).toMatchObject({
      code: 'http',
      status: 429,
      serverCode: 'rate_limit_error',
      retryable: true,
      retryAfter: 3000,
      message: 'Request failed with 429 Too Many Requests: Slow down',
    });
  });

  it('omits what it does not know', async () => {
    const error = await httpError(new Response('', { status: 502 }));
    expect(error.message).toBe('Request failed with 502');
    expect(error.retryable).toBe(true);
  });
});

describe('idleTimer', () => {
  it('fires after `ms` without a touch; each touch postpones it; clear stops it', async () => {
    let fired = 0;
    const timer = idleTimer(120, () => fired++);
    for (let i = 0; i < 4; i++) {
      await wait(60);
      timer.touch();
    }
    expect(fired).toBe(0);
    await wait(200);
    expect(fired).toBe(1);
    timer.clear();

    const cleared = idleTimer(50, () => fired++);
    cleared.clear();
    await wait(100);
    expect(fired).toBe(1);
  });

  it('0 disables it', async () => {
    let fired = 0;
    idleTimer(0, () => fired++);
    await wait(50);
    expect(fired).toBe(0);
  });
});
