/**
 * The demo model's replies. Each scenario is a script of segments the model streams in order;
 * everything is fixed text, so a prompt always gets the same reply.
 */
import { CLIENT_TOOL_SCENARIOS, clientToolScript, type ToolTurn } from './tool-scenarios';

export type Segment =
  | { kind: 'reasoning'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'tool'; id: string; name: string; args: Record<string, unknown>; result: unknown; runMs: number }
  /** A call of a tool the page runs: the step ends with it (`tool_calls`), the page sends the result. */
  | { kind: 'client-tool'; id: string; name: string; args: Record<string, unknown> }
  /** An error event in the middle of the stream (the reply ends after it). */
  | { kind: 'error'; message: string; code: string; retryable: boolean }
  /** The server drops the connection here (once per reply); the client resumes. */
  | { kind: 'cut' }
  | { kind: 'pause'; ms: number };

export interface Script {
  name: string;
  segments: Segment[];
  /** Answer this HTTP error to the first attempt of a request; the retry gets the script. */
  httpError?: { status: number; message: string; code: string; retryAfterSeconds?: number };
}

export interface ScenarioInfo {
  command: string;
  description: string;
}

/** What the page lists and `/help` explains. */
export const SCENARIOS: ScenarioInfo[] = [
  { command: '(anything)', description: 'Reasoning, a tool call, then a markdown answer with headings, a list, a table and code' },
  { command: '/markdown', description: 'Just the markdown answer' },
  { command: '/long', description: 'A long answer (good for trying Stop)' },
  { command: '/code', description: 'Code blocks in TypeScript, Python and shell' },
  { command: '/tool', description: 'A tool call with streamed arguments, then its result' },
  { command: '/reasoning', description: 'Long reasoning, then a short answer' },
  ...CLIENT_TOOL_SCENARIOS,
  { command: '/error 429', description: 'Rate limited (HTTP 429, Retry-After: 1); the automatic retry succeeds' },
  { command: '/error 500 mid', description: 'An error event in the middle of the reply' },
  { command: '/error 401', description: 'A 401 before streaming, shown as the error (not retried)' },
  { command: '/cut', description: 'The connection drops mid-reply; the client resumes without duplicated text' },
  { command: '/help', description: 'This list' },
];

const ANSWER_INTRO = `## Streaming a reply, token by token

Large language models produce text one token at a time, so a good chat UI shows each token **as soon as it exists** instead of waiting for the whole answer. Here is what happens between the model and this page:

1. The browser \`POST\`s the conversation to \`/api/chat\`.
2. The server opens the provider's stream and re-encodes every chunk as a Server-Sent Event.
3. The client decodes the events into *parts* — text, reasoning, tool calls, usage — and folds them into the message.
4. React renders at most once per animation frame, so even 200 tokens/s stay smooth.

`;

const ANSWER_TABLE = `### Choosing a transport

| Transport | Direction | Resumable | Works through proxies |
|---|---|---|---|
| Server-Sent Events | server → client | yes, with \`Last-Event-ID\` | yes |
| WebSocket | both ways | no (you build it) | usually |
| Long polling | server → client | yes | yes |
| NDJSON over fetch | server → client | no | yes |

SSE wins for chat: it is plain HTTP, it survives corporate proxies, and reconnecting is part of the standard.

`;

const ANSWER_CODE = `### On the server

\`\`\`ts
import { createServer } from 'node:http';
import { StreamingResponse } from 'ai-stream-kit/server';

createServer(async (req, res) => {
  const stream = new StreamingResponse(res);
  stream.start();
  for await (const token of model.generate(prompt)) {
    stream.sendToken(token);
  }
  stream.end();
}).listen(3000);
\`\`\`

### From a Python client

\`\`\`python
import httpx

with httpx.stream("POST", "http://localhost:3000/api/chat", json=body) as response:
    for line in response.iter_lines():
        if line.startswith("data:"):
            print(line[5:].strip())
\`\`\`

That is all it takes — everything else (retries, resuming, stopping) is handled by the kit.
`;

const MARKDOWN_ANSWER = ANSWER_INTRO + ANSWER_TABLE + ANSWER_CODE;

const LONG_SECTIONS = [
  `# A short history of streaming text over HTTP

Streaming is older than the web's love affair with JSON. Long before chat assistants, servers pushed partial pages to browsers so that readers could start before the last byte arrived.

## Chunked transfer encoding

HTTP/1.1 introduced *chunked transfer encoding* in 1997. A server no longer needed to know the length of a response up front: it could send a chunk, flush it, compute the next one and send that too. Early web applications abused this to build "forever frames" — hidden iframes that never finished loading and received \`<script>\` tags one at a time.

`,
  `## Comet and long polling

Around 2006 the pattern got a name: **Comet**. Because forever frames were fragile, most libraries fell back to *long polling*: the client asks, the server holds the request open until something happens, answers, and the client immediately asks again. It worked everywhere, but every message paid for a full request and response.

- Latency was one round trip per message at best.
- Servers kept thousands of idle connections open.
- Ordering and missed messages were the application's problem.

`,
  `## Server-Sent Events

The HTML5 effort standardised the idea as **Server-Sent Events**: a \`text/event-stream\` response made of small text records. Each record may carry an \`event\` name, an \`id\` and one or more \`data\` lines. Two details turned out to matter a great deal:

1. The format is plain text, so proxies, load balancers and logs understand it.
2. The \`id\` field lets a client that lost its connection reconnect with a \`Last-Event-ID\` header and continue exactly where it stopped.

The browser's \`EventSource\` only supports \`GET\`, which is why chat clients read the stream with \`fetch\` and parse it themselves.

`,
  `## WebSockets

WebSockets arrived at about the same time and took most of the attention: a full-duplex channel, binary frames, low overhead. For games and collaborative editors they are the right tool. For a model that talks while the user listens, their strengths rarely matter and their costs do — sticky sessions, custom reconnection logic, and infrastructure that has to be told to let them through.

`,
  `## Streaming meets language models

When chat assistants appeared, every provider converged on SSE. Each chose its own event shapes, though:

| Provider | Text lives in | End of stream |
|---|---|---|
| OpenAI Chat Completions | \`choices[0].delta.content\` | \`data: [DONE]\` |
| OpenAI Responses | \`response.output_text.delta\` | \`response.completed\` |
| Anthropic Messages | \`content_block_delta\` | \`message_stop\` |

A client library earns its keep by decoding all of them into one model of *parts*, so the UI never cares which provider is behind the endpoint.

`,
  `## What "good" looks like today

A modern streaming chat should:

- show the first token within a few hundred milliseconds;
- let the user **stop** a reply and keep what was already written;
- retry rate limits and dropped connections without duplicating text;
- show reasoning and tool calls as they happen, not after the fact;
- report token usage so costs never surprise anyone.

None of this is exotic. It is mostly careful bookkeeping around a thirty-year-old idea: send the bytes as soon as you have them.
`,
];

const CODE_ANSWER = `## Reading a stream in three languages

A kit endpoint speaks plain Server-Sent Events, so any HTTP client can read it.

### TypeScript (browser or Node)

\`\`\`ts
import { AIStream } from 'ai-stream-kit';

const chat = new AIStream({ endpoint: '/api/chat' });
chat.on('token', (token) => process.stdout.write(token));
chat.on('usage', (usage) => console.log('\\ntokens:', usage.totalTokens));

await chat.send('Explain event streams in one paragraph');
\`\`\`

### Python

\`\`\`python
import json
import httpx

def stream_reply(prompt: str) -> str:
    body = {"messages": [{"role": "user", "content": prompt}]}
    text = []
    with httpx.stream("POST", "http://localhost:3000/api/chat", json=body) as response:
        event = None
        for line in response.iter_lines():
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:") and event == "token":
                text.append(json.loads(line[5:])["token"])
    return "".join(text)
\`\`\`

### Shell

\`\`\`bash
curl -N http://localhost:3000/api/chat \\
  -H 'Content-Type: application/json' \\
  -d '{"messages":[{"role":"user","content":"/code"}]}'
\`\`\`

\`curl -N\` turns off buffering, so you can watch the events arrive one by one.
`;

const WEATHER_REASONING =
  'The user wants to see a tool call. A weather lookup is a good example: I need the city and the unit. Lisbon in Celsius is a sensible default. I will call get_weather, wait for the result, then summarise it.';

const WEATHER_RESULT = { city: 'Lisbon', temperature: 21, unit: 'celsius', conditions: 'sunny', wind_kph: 14, humidity: 0.58 };

const WEATHER_ANSWER = `I called \`get_weather\` and it returned:

\`\`\`json
${JSON.stringify(WEATHER_RESULT, null, 2)}
\`\`\`

**Lisbon right now:** 21 °C and sunny, with a light breeze (14 km/h) and 58 % humidity — a good afternoon for a walk along the river.
`;

const DOCS_REASONING =
  'The user asked a question about streaming chat replies. Before answering I should look up how the kit handles the wire format, so the answer matches the library. Then I will explain the flow step by step, compare transports in a table and show a server and a client snippet.';

const DOCS_RESULT = {
  hits: [
    { title: 'Wire protocol', path: 'docs/protocol.md', snippet: 'Plain Server-Sent Events, one JSON object per data line.' },
    { title: 'Resume', path: 'docs/protocol.md#resume', snippet: 'Reconnect with Last-Event-ID; the server replays what was missed.' },
  ],
};

const REASONING_LONG = `The question is whether 1001 is prime.

First, the quick checks. It is odd, so 2 does not divide it. The digit sum is 1 + 0 + 0 + 1 = 2, which is not a multiple of 3, so 3 does not divide it. It does not end in 0 or 5, so 5 is out.

Next, 7. 7 × 143 = 1001. Let me verify: 7 × 140 = 980, and 7 × 3 = 21, so 980 + 21 = 1001. Yes — 1001 is divisible by 7.

So 1001 is not prime. For completeness, factor 143: it is not divisible by 7 (7 × 20 = 140, remainder 3). Try 11: 11 × 13 = 143. Both 11 and 13 are prime.

Therefore 1001 = 7 × 11 × 13. A nice fact to mention: this is why the "abcabc" trick works — any six-digit number of the form abcabc equals abc × 1001, so it is divisible by 7, 11 and 13.`;

const REASONING_ANSWER = `**No — 1001 is not prime.**

$$
1001 = 7 \\times 11 \\times 13
$$

A fun consequence: every six-digit number that repeats a three-digit block (like \`482482\`) equals that block × 1001, so it is divisible by 7, 11 and 13: $\\overline{abcabc} = \\overline{abc} \\cdot 1001$.
`;

const CUT_BEFORE = `## Surviving a dropped connection

Networks fail in the middle of replies all the time: a phone switches from Wi-Fi to mobile data, a proxy times out, a laptop lid closes. This reply is about to lose its connection on purpose.

Every event the server sends carries an \`id\`, and the server keeps the events of each reply for a short while. `;

const CUT_AFTER = `When the connection dropped, the client reconnected with the header \`Last-Event-ID\` set to the last event it had processed, and the server replayed only what came after it.

- No text was lost.
- No text was duplicated.
- The reply simply continued, and the usage counts still add up.

If the server had forgotten the reply, it would have started a fresh one with a \`start\` event, and the client would have rebuilt the message from scratch instead of appending to it.
`;

const ERROR_MID_BEFORE = `## Things that can go wrong mid-reply

Providers sometimes fail after they have already started streaming: an overloaded GPU, a crashed worker, a content filter. Because the HTTP status was already sent as \`200\`, the error has to arrive as an event inside the stream. This reply is about to get one, on purpose, right after this sentence.

`;

function helpText(note?: string): string {
  const rows = SCENARIOS.map(({ command, description }) => `| \`${command}\` | ${description} |`).join('\n');
  return `${note ? `${note}\n\n` : ''}## Demo scenarios

The demo model is deterministic: the same prompt always streams the same reply. Start a message with one of these commands to pick a scenario:

| Command | What you get |
|---|---|
${rows}

Anything else gets the default reply. Set \`OPENAI_API_KEY\` or \`ANTHROPIC_API_KEY\` to talk to a real model instead.
`;
}

const tool = (id: string, name: string, args: Record<string, unknown>, result: unknown, runMs = 500): Segment => ({
  kind: 'tool',
  id,
  name,
  args,
  result,
  runMs,
});

const httpMessages: Record<number, { message: string; code: string }> = {
  400: { message: 'The demo model rejected the request (simulated 400).', code: 'invalid_request_error' },
  401: { message: 'Invalid API key (simulated 401 from the demo model).', code: 'invalid_api_key' },
  403: { message: 'This key may not use the demo model (simulated 403).', code: 'permission_denied' },
  404: { message: 'The demo model was not found (simulated 404).', code: 'not_found' },
  429: { message: 'Rate limit reached for the demo model (simulated 429). Please retry after 1 second.', code: 'rate_limit_exceeded' },
  500: { message: 'The demo model had an internal error (simulated 500).', code: 'server_error' },
  503: { message: 'The demo model is overloaded (simulated 503).', code: 'overloaded' },
};

/** Where a turn with the page's tools stands; without it, client-tool scenarios start over. */
const NO_TOOLS: ToolTurn = { calls: [], offered: new Set(), callId: (name) => `call_${name}` };

/** Picks the script for the last user message (and, for the page's tools, the turn so far). */
export function scriptFor(prompt: string, turn: ToolTurn = NO_TOOLS): Script {
  const text = prompt.trim();
  if (!text.startsWith('/')) {
    return {
      name: 'default',
      segments: [
        { kind: 'reasoning', text: DOCS_REASONING },
        tool('call_docs_1', 'search_docs', { query: 'streaming chat replies over SSE', limit: 2 }, DOCS_RESULT, 400),
        { kind: 'text', text: MARKDOWN_ANSWER },
      ],
    };
  }
  const [command = '', ...args] = text.slice(1).split(/\s+/);
  const withTools = clientToolScript(command.toLowerCase(), turn);
  if (withTools) return withTools;
  switch (command.toLowerCase()) {
    case 'markdown':
      return { name: 'markdown', segments: [{ kind: 'text', text: MARKDOWN_ANSWER }] };
    case 'long':
      return { name: 'long', segments: LONG_SECTIONS.map((section) => ({ kind: 'text', text: section })) };
    case 'code':
      return { name: 'code', segments: [{ kind: 'text', text: CODE_ANSWER }] };
    case 'tool':
      return {
        name: 'tool',
        segments: [
          { kind: 'reasoning', text: WEATHER_REASONING },
          tool('call_weather_1', 'get_weather', { city: 'Lisbon', unit: 'celsius' }, WEATHER_RESULT, 700),
          { kind: 'text', text: WEATHER_ANSWER },
        ],
      };
    case 'reasoning':
      return {
        name: 'reasoning',
        segments: [
          { kind: 'reasoning', text: REASONING_LONG },
          { kind: 'text', text: REASONING_ANSWER },
        ],
      };
    case 'cut':
      return {
        name: 'cut',
        segments: [{ kind: 'text', text: CUT_BEFORE }, { kind: 'cut' }, { kind: 'text', text: CUT_AFTER }],
      };
    case 'error':
      return errorScript(args);
    case 'help':
      return { name: 'help', segments: [{ kind: 'text', text: helpText() }] };
    default:
      return { name: 'help', segments: [{ kind: 'text', text: helpText(`Unknown command \`/${command}\`.`) }] };
  }
}

function errorScript(args: string[]): Script {
  const status = Number.parseInt(args[0] ?? '500', 10);
  const mid = args.slice(1).some((arg) => arg.toLowerCase() === 'mid');
  const known = httpMessages[status] ?? {
    message: `The demo model failed with a simulated ${status}.`,
    code: `http_${status}`,
  };
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    return {
      name: 'help',
      segments: [{ kind: 'text', text: helpText('`/error` takes an HTTP status from 400 to 599, e.g. `/error 429`.') }],
    };
  }
  if (mid) {
    return {
      name: `error-${status}-mid`,
      segments: [
        { kind: 'text', text: ERROR_MID_BEFORE },
        { kind: 'pause', ms: 300 },
        { kind: 'error', message: known.message, code: known.code, retryable: false },
      ],
    };
  }
  return {
    name: `error-${status}`,
    httpError: { ...known, status, ...((status === 429 || status === 503) && { retryAfterSeconds: 1 }) },
    segments: [
      {
        kind: 'text',
        text: `This is the retry after a simulated **${status}**. The first attempt was refused${
          status === 429 || status === 503 ? ' with `Retry-After: 1`, so the client waited a second' : ''
        } and tried again — this time it worked.\n\nAnything the first attempt would have written was never shown, so nothing is duplicated.\n`,
      },
    ],
  };
}
