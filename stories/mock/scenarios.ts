// Deterministic replies for the mock streaming endpoint. Same scenario, same events, every time.

export type ScenarioId =
  | 'short'
  | 'long-markdown'
  | 'code-heavy'
  | 'table'
  | 'tool-call'
  | 'reasoning'
  | 'error-before'
  | 'error-mid-stream';

export interface ScenarioToolCall {
  id: string;
  name: string;
  /** Streamed as JSON text in small deltas. */
  args: Record<string, unknown>;
  /** What the (pretend) tool returned; stories pass it to ToolCallView / Message as the result. */
  result?: unknown;
}

export interface Scenario {
  id: ScenarioId;
  title: string;
  /** A user message that fits the reply. */
  prompt: string;
  model: string;
  promptTokens: number;
  /** Streamed as `reasoning` events before anything else. */
  reasoning?: string;
  /** Streamed after the reasoning, before the text. */
  toolCalls?: ScenarioToolCall[];
  /** The reply's markdown, streamed as `token` events. */
  text: string;
  finishReason: 'stop' | 'length' | 'tool_calls' | 'content_filter';
  /** The request fails before any byte of the stream: HTTP status with a JSON error body. */
  errorBefore?: { status: number; message: string; code: string };
  /** An `error` event (then `done`) after this many tokens. */
  errorMidStream?: { atToken: number; message: string; code: string; retryable?: boolean };
}

const SHORT = `The capital of France is **Paris**. It has been the country's capital since the 10th century (with a few interruptions) and is home to about 2.1 million people.`;

const TS_SNIPPET = `import { AIStream } from 'ai-stream-kit';

const stream = new AIStream({ endpoint: '/api/chat' });

stream.on('token', (token) => process.stdout.write(token));
stream.on('finish', ({ usage }) => {
  console.log('\\n— done,', usage?.totalTokens ?? 0, 'tokens');
});

await stream.send('Write a haiku about streams');`;

const PY_SNIPPET = `from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()

def sse(event: str, data: str, seq: int) -> str:
    return f"id: demo-{seq}\\nevent: {event}\\ndata: {data}\\n\\n"

@app.post("/api/chat")
async def chat():
    async def events():
        yield sse("start", '{"streamId":"demo"}', 1)
        for i, word in enumerate(["Hello", " world"]):
            yield sse("token", f'{{"token":"{word}"}}', i + 2)
        yield sse("done", "{}", 4)
    return StreamingResponse(events(), media_type="text/event-stream")`;

const fence = (lang: string, code: string) => '```' + lang + '\n' + code + '\n```';

const LONG_INTRO = `# Streaming LLM replies into a React app

This guide walks through everything that happens between a user pressing **Enter** and the last token of the reply appearing on screen. It covers the wire protocol, the client state machine, rendering markdown that is *still being written*, and the small details (cancellation, retries, usage accounting) that separate a demo from a product.

> Streaming is not an optimisation. For a reply that takes twenty seconds to generate, it is the difference between an app that feels broken and one that feels alive.
>
> — every chat UI post-mortem, ever

## 1. What goes over the wire

The server answers a \`POST /api/chat\` with \`Content-Type: text/event-stream\`. Each event has a type, an id and one line of JSON:

- \`start\` opens a reply and names the stream.
- \`token\` appends text; \`reasoning\` appends thinking text.
- \`tool-call-start\`, \`tool-call-delta\` and \`tool-call-end\` describe a tool call whose arguments arrive piece by piece.
- \`usage\` reports token counts, \`finish\` says why the model stopped, and \`done\` ends it.
- \`error\` reports a failure *inside* the stream; a \`done\` always follows.

Ids are \`<streamId>-<seq>\`, so a client that loses its connection can reconnect with \`Last-Event-ID\` and continue exactly where it left off.

### 1.1 Why not WebSockets?

1. Server-Sent Events are plain HTTP: proxies, CDNs and auth middleware already understand them.
2. A chat reply is one-way traffic. The request is a normal \`POST\`; only the answer streams.
3. Resuming is built into the format through event ids.
4. There is nothing to keep alive between replies.

## 2. The client

${fence('ts', TS_SNIPPET)}

The client decodes the body incrementally, turns every event into a small *part* (\`text-delta\`, \`tool-call-delta\`, \`usage\`, …) and folds the parts into an immutable message. React subscribes with \`useSyncExternalStore\` and re-renders **at most once per animation frame**, however fast the tokens arrive.

### 2.1 Checklist for a production chat

- [x] Stop button that aborts the request (and keeps the partial reply)
- [x] Retry with exponential backoff for 429 and 5xx
- [x] Resume after a dropped connection
- [ ] Persist conversations
- [ ] Rate-limit per user on the server
- [x] Show token usage and cost

## 3. Rendering markdown that is not finished yet

Half-written markdown is full of traps: an unclosed \`**bold\`, a code fence whose closing backticks have not arrived, a table with only its header row, a link whose URL is still streaming. The renderer repairs the *end* of the text before lexing it, then renders tokens as React elements — never as an HTML string.

| Problem | Naive renderer | Streaming renderer |
|:--|:--|:--|
| Unclosed \`**bold\` | Literal asterisks flash | Closed temporarily |
| Open code fence | Rest of reply becomes code | Fence closed until it ends |
| Table header only | Shown as a paragraph | Rendered as an empty table |
| Link without URL | Broken \`[text](\` | Text shown, link pending |
| Long reply | Re-parse everything per token | Only the last blocks |

Settled blocks are lexed once and memoised, so a ten-thousand-character reply costs the same per token as a short one.

## 4. A server in another language

Nothing about the protocol is specific to JavaScript. Here is a minimal FastAPI endpoint:

${fence('python', PY_SNIPPET)}

Note the blank line after every event: that is what terminates an SSE event.`;

const LONG_SECTION_TOPICS = [
  ['Cancellation', 'Stopping a reply aborts the fetch through its AbortSignal. The partial text stays on screen, marked as stopped, and a later retry regenerates it from the same user message.'],
  ['Backpressure', 'Tokens can arrive faster than the screen refreshes. The store batches every event of a network chunk into one state change, and the React binding coalesces changes into one commit per animation frame.'],
  ['Accessibility', 'The message list is a log region, the typing indicator has a status role, and buttons keep text labels even when only an icon is visible. Code blocks are focusable so keyboard users can scroll long lines.'],
  ['Dark mode', 'Every colour is a CSS custom property. The stylesheet follows the system preference and can be forced either way with a data-theme attribute on any container.'],
  ['Internationalisation', 'Every string the components show on their own can be replaced through a labels provider. Text direction is detected per message, so right-to-left replies render correctly.'],
  ['Testing', 'A deterministic mock endpoint streams the same events every time, paced by timers. Stories and tests can pick a scenario, a speed, and the point at which an error happens.'],
  ['Retries', 'Rate limits (429) and server errors (5xx) are retried with exponential backoff and jitter. A Retry-After header from the server wins over the computed delay, within a sensible cap.'],
  ['Resuming', 'When the connection drops mid-reply, the client reconnects with the id of the last event it processed. A server that can resume replays the rest; one that cannot starts over, and the client discards the partial text so nothing is duplicated.'],
  ['Usage and cost', 'Usage events carry absolute token counts for the reply so far. The conversation total is the sum of every finished reply, so a restarted reply is counted once, and a price per thousand tokens turns it into a cost.'],
  ['Security', 'Model output is untrusted input. Raw HTML is shown as text, only http, https, mailto and relative URLs survive in links and images, and nothing ever goes through innerHTML.'],
] as const;

function longSections(): string {
  return LONG_SECTION_TOPICS.map(([name, body], i) => {
    const n = i + 5;
    return `## ${n}. ${name}

${body}

- **Why it matters:** ${name.toLowerCase()} problems show up first on slow networks and long replies.
- **How to check:** open the story for this scenario, lower the speed, and watch the ${i % 2 ? 'end' : 'start'} of the reply.
- **Where it lives:** \`src/${i % 2 ? 'ui' : 'core'}/\`.

${i % 2 === 0 ? `> Tip: ${body.split('. ')[0]}.` : `1. Reproduce it.\n2. Write the failing story.\n3. Fix it, then keep the story.`}`;
  }).join('\n\n');
}

export const LONG_MARKDOWN = `${LONG_INTRO}

${longSections()}

---

## Summary

Streaming well is mostly about the *edges*: the first byte, the last byte, and everything that can go wrong in between. Get those right and the middle takes care of itself.`;

const CODE_HEAVY = `Here is a typed \`useDebounce\` hook and a test for it.

${fence(
  'tsx',
  `import { useEffect, useState } from 'react';

/** Returns \`value\`, but only after it has stopped changing for \`delay\` ms. */
export function useDebounce<T>(value: T, delay = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

export function Search({ onSearch }: { onSearch: (q: string) => void }) {
  const [query, setQuery] = useState('');
  const debounced = useDebounce(query, 250);
  useEffect(() => onSearch(debounced), [debounced, onSearch]);
  return <input value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Search" />;
}`,
)}

The test uses fake timers so it runs instantly:

${fence(
  'ts',
  `import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { useDebounce } from './use-debounce';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('waits for the value to settle', () => {
  const { result, rerender } = renderHook(({ v }) => useDebounce(v, 100), { initialProps: { v: 'a' } });
  rerender({ v: 'ab' });
  expect(result.current).toBe('a');
  act(() => vi.advanceTimersByTime(100));
  expect(result.current).toBe('ab');
});`,
)}

And the same idea in Python, as a decorator:

${fence(
  'python',
  `import threading
from functools import wraps

def debounce(wait: float):
    def decorator(fn):
        timer = None

        @wraps(fn)
        def debounced(*args, **kwargs):
            nonlocal timer
            if timer is not None:
                timer.cancel()
            timer = threading.Timer(wait, lambda: fn(*args, **kwargs))
            timer.start()

        return debounced
    return decorator`,
)}

Run it from a shell:

${fence('bash', `npm install --save-dev vitest @testing-library/react jsdom
npx vitest run use-debounce`)}`;

const TABLE = `Here is how the three plans compare:

| Plan | Monthly price | Requests / min | Context window | Streaming | Support |
|:-----|--------------:|---------------:|:--------------:|:---------:|:--------|
| Free | $0 | 20 | 8k | ✅ | Community |
| Pro | $20 | 500 | 128k | ✅ | Email, 2 business days |
| Team | $25 / seat | 2,000 | 200k | ✅ | Email, same day |
| Enterprise | Custom | Custom | 1M | ✅ | Dedicated engineer |

And the latency we measured (median of 1,000 requests):

| Region | Time to first token | Tokens / s |
|:--|--:|--:|
| us-east | 180 ms | 92 |
| eu-west | 210 ms | 88 |
| ap-south | 340 ms | 71 |

**Pro** is the best fit for a single developer; **Team** once more than three people share a workspace.`;

const TOOL_TEXT = `It is **18 °C and partly cloudy** in Paris right now. Tomorrow stays mild (high of 21 °C) with a 30 % chance of rain in the afternoon, so a light jacket is enough.`;

const REASONING = `The user wants to know whether 221 is prime. Let me check small prime factors up to √221 ≈ 14.9, so 2, 3, 5, 7, 11 and 13.
221 is odd, so not divisible by 2. Digit sum is 5, not divisible by 3. Doesn't end in 0 or 5, so not 5.
221 / 7 = 31.57…, no. 221 / 11 = 20.09…, no. 221 / 13 = 17 exactly — 13 × 17 = 221.
So 221 is not prime; its factors are 13 and 17.`;

const REASONING_TEXT = `No — **221 is not prime**. It factors as **13 × 17**.

A quick way to see it: you only need to test primes up to √221 ≈ 14.9, and 13 divides it evenly.`;

const MID_STREAM_TEXT = `Sure! Here is a plan for migrating the service to the new database:

1. **Freeze schema changes** on the old database for the duration of the migration.
2. **Set up dual writes** so every insert and update goes to both databases.
3. **Backfill** historical rows in batches of 10,000, oldest first, verifying checksums per batch.
4. **Switch reads** to the new database behind a feature flag, starting with 1 % of traffic.
5. **Stop dual writes** once reads have been on the new database for a full week without incidents.

Finally, keep the old database read-only for thirty days before deleting it.`;

export const SCENARIOS: Record<ScenarioId, Scenario> = {
  short: {
    id: 'short',
    title: 'Short answer',
    prompt: 'What is the capital of France?',
    model: 'mock-small',
    promptTokens: 14,
    text: SHORT,
    finishReason: 'stop',
  },
  'long-markdown': {
    id: 'long-markdown',
    title: 'Long markdown (~10k chars)',
    prompt: 'Write a detailed guide to streaming LLM replies into a React app.',
    model: 'mock-large',
    promptTokens: 42,
    text: LONG_MARKDOWN,
    finishReason: 'stop',
  },
  'code-heavy': {
    id: 'code-heavy',
    title: 'Code-heavy',
    prompt: 'Write a useDebounce hook with a test, and show the same in Python.',
    model: 'mock-large',
    promptTokens: 31,
    text: CODE_HEAVY,
    finishReason: 'stop',
  },
  table: {
    id: 'table',
    title: 'Tables',
    prompt: 'Compare the plans in a table.',
    model: 'mock-small',
    promptTokens: 18,
    text: TABLE,
    finishReason: 'stop',
  },
  'tool-call': {
    id: 'tool-call',
    title: 'Tool call (streamed arguments)',
    prompt: "What's the weather in Paris?",
    model: 'mock-tools',
    promptTokens: 96,
    toolCalls: [
      {
        id: 'call_weather_1',
        name: 'get_weather',
        args: { city: 'Paris', country: 'FR', unit: 'celsius', include: ['current', 'tomorrow'], hourly: false },
        result: { current: { temperature: 18, condition: 'partly cloudy' }, tomorrow: { high: 21, low: 13, rainChance: 0.3 } },
      },
    ],
    text: TOOL_TEXT,
    finishReason: 'stop',
  },
  reasoning: {
    id: 'reasoning',
    title: 'Reasoning',
    prompt: 'Is 221 a prime number?',
    model: 'mock-reasoner',
    promptTokens: 12,
    reasoning: REASONING,
    text: REASONING_TEXT,
    finishReason: 'stop',
  },
  'error-before': {
    id: 'error-before',
    title: 'Error before the stream (HTTP 429)',
    prompt: 'Tell me a joke.',
    model: 'mock-small',
    promptTokens: 9,
    text: 'This text is never sent: the request fails first.',
    finishReason: 'stop',
    errorBefore: { status: 429, message: 'Rate limit reached: 20 requests per minute. Try again in 12 s.', code: 'rate_limit_exceeded' },
  },
  'error-mid-stream': {
    id: 'error-mid-stream',
    title: 'Error mid-stream',
    prompt: 'How do I migrate our service to the new database?',
    model: 'mock-large',
    promptTokens: 27,
    text: MID_STREAM_TEXT,
    finishReason: 'stop',
    errorMidStream: { atToken: 60, message: 'The model is overloaded. Please try again.', code: 'overloaded' },
  },
};

export const SCENARIO_IDS = Object.keys(SCENARIOS) as ScenarioId[];

/** Scenarios whose reply streams to the end (for components that only show text). */
export const TEXT_SCENARIO_IDS: ScenarioId[] = ['short', 'long-markdown', 'code-heavy', 'table', 'reasoning', 'tool-call'];

/** Default messages for HTTP errors, by status. */
export const HTTP_ERRORS: Record<number, { message: string; code: string }> = {
  400: { message: 'Invalid request: messages must not be empty.', code: 'invalid_request_error' },
  401: { message: 'Invalid API key.', code: 'invalid_api_key' },
  429: SCENARIOS['error-before'].errorBefore!,
  500: { message: 'The server had an error while processing your request.', code: 'server_error' },
  503: { message: 'The service is temporarily unavailable.', code: 'service_unavailable' },
};

/**
 * Splits text into LLM-like tokens: a word with its leading whitespace, long runs cut into
 * pieces of at most 8 characters. Joining the tokens gives the text back exactly.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const piece of text.match(/\s*\S+|\s+/g) ?? []) {
    for (let i = 0; i < piece.length; i += 8) tokens.push(piece.slice(i, i + 8));
  }
  return tokens;
}
