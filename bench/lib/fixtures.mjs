// Deterministic (seeded) fixtures: a ~50k-character markdown reply, its tokenisation into
// 1–6 character tokens like a real model's, and recorded OpenAI Chat Completions / Anthropic
// Messages SSE bodies built from those tokens, cut into network-sized chunks.
//
// Everything here is a pure function of the seed, so every benchmark (and every peer) sees
// byte-for-byte the same payloads.

export function rng(seed = 0x5eed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (arr) => arr[Math.floor(next() * arr.length)];
  return { next, int, pick };
}

const WORDS = (
  'the a of to and in is that for it as with on be by this are from or an at which stream ' +
  'token reply model server client render frame commit buffer parser event message request ' +
  'response latency throughput decode encode markdown table list code block paragraph value ' +
  'function returns async await promise state hook component update browser network chunk ' +
  'simple careful fast slow every each first last next previous small large quickly often ' +
  'usually rarely because however therefore although while when where why how configure ' +
  'install deploy measure compare budget memory scripting layout paint idle main thread ' +
  'café naïve résumé coöperate façade — “quoted” ‘single’ … 東京 데이터 données'
).split(' ');

const LANGS = {
  ts: [
    'export async function* readTokens(body: ReadableStream<Uint8Array>) {',
    '  const reader = body.getReader();',
    '  const decoder = new TextDecoder();',
    '  for (;;) {',
    '    const { value, done } = await reader.read();',
    '    if (done) break;',
    '    yield decoder.decode(value, { stream: true });',
    '  }',
    '}',
    'const total = items.reduce((sum, item) => sum + item.size, 0);',
    "if (status !== 'streaming') return null;",
    'type Part = { type: "text-delta"; delta: string } | { type: "done" };',
    'console.log(`received ${count} tokens in ${ms.toFixed(1)} ms`);',
  ],
  python: [
    'def stream_reply(client, messages):',
    '    with client.chat.completions.create(model="gpt-4o", messages=messages, stream=True) as s:',
    '        for chunk in s:',
    '            delta = chunk.choices[0].delta.content or ""',
    '            yield delta',
    'tokens = [t for t in stream_reply(client, history) if t]',
    'print(f"{len(tokens)} tokens, {elapsed:.2f}s")',
    'class Buffer:',
    '    def __init__(self):',
    '        self.parts = []',
  ],
  bash: [
    'curl -N -s http://localhost:3000/api/chat \\',
    "  -H 'content-type: application/json' \\",
    "  -d '{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'",
    'npm install ai-stream-kit',
    'for i in $(seq 1 10); do echo "run $i"; done',
    'export OPENAI_API_KEY=sk-test',
  ],
};

function sentence(r) {
  const n = r.int(6, 18);
  const words = [];
  for (let i = 0; i < n; i++) {
    let w = r.pick(WORDS);
    const roll = r.next();
    if (roll < 0.04) w = `**${w}**`;
    else if (roll < 0.07) w = `*${w}*`;
    else if (roll < 0.1) w = `\`${w}()\``;
    else if (roll < 0.115) w = `[${w}](https://example.com/docs/${w.replace(/\W/g, '') || 'x'})`;
    else if (roll < 0.12) w = r.pick(['👍', '🚀', '✅', '⚠️']);
    words.push(w);
  }
  const s = words.join(' ');
  return s[0].toUpperCase() + s.slice(1) + r.pick(['.', '.', '.', '!', '?', ':']);
}

function paragraph(r) {
  const n = r.int(2, 6);
  const out = [];
  for (let i = 0; i < n; i++) out.push(sentence(r));
  return out.join(' ');
}

function list(r, ordered) {
  const n = r.int(3, 7);
  const lines = [];
  for (let i = 0; i < n; i++) {
    const bullet = ordered ? `${i + 1}.` : '-';
    lines.push(`${bullet} ${sentence(r)}`);
    if (!ordered && r.next() < 0.25) {
      for (let j = 0, m = r.int(1, 3); j < m; j++) lines.push(`  - ${sentence(r)}`);
    }
  }
  return lines.join('\n');
}

function table(r) {
  const cols = r.int(3, 5);
  const head = [];
  for (let c = 0; c < cols; c++) head.push(r.pick(WORDS).replace(/\W/g, '') || 'col');
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? ' :--- ' : ' ---: ')).join('|')}|`];
  for (let row = 0, n = r.int(4, 9); row < n; row++) {
    const cells = [];
    for (let c = 0; c < cols; c++) {
      cells.push(c === 0 ? `\`${r.pick(WORDS)}\`` : r.next() < 0.5 ? String(r.int(1, 99999)) : `${r.pick(WORDS)} ${r.pick(WORDS)}`);
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function code(r) {
  const lang = r.pick(Object.keys(LANGS));
  const lines = [];
  for (let i = 0, n = r.int(6, 18); i < n; i++) lines.push(r.pick(LANGS[lang]));
  return '```' + lang + '\n' + lines.join('\n') + '\n```';
}

export const END_MARKER = 'That is the end of the benchmark reply.';

/** A markdown reply of about `chars` characters: headings, prose, lists, tables, code, quotes. */
export function markdownReply(chars = 50_000, seed = 42) {
  const r = rng(seed);
  const blocks = [`# ${sentence(r).replace(/[.!?:]$/, '')}`, paragraph(r)];
  let size = blocks.join('\n\n').length;
  let section = 1;
  while (size < chars - 400) {
    const roll = r.next();
    let b;
    if (roll < 0.1) b = `## ${section++}. ${sentence(r).replace(/[.!?:]$/, '')}`;
    else if (roll < 0.45) b = paragraph(r);
    else if (roll < 0.6) b = list(r, false);
    else if (roll < 0.68) b = list(r, true);
    else if (roll < 0.8) b = table(r);
    else if (roll < 0.93) b = code(r);
    else b = `> ${sentence(r)} ${sentence(r)}`;
    blocks.push(b);
    size += b.length + 2;
  }
  blocks.push(`${paragraph(r)} ${END_MARKER}`);
  return blocks.join('\n\n');
}

/** Splits text into 1–6 character tokens (never inside a surrogate pair), like a BPE model's deltas. */
export function tokenize(text, seed = 7) {
  const r = rng(seed);
  const weights = [0.05, 0.1, 0.15, 0.25, 0.25, 0.2];
  const pickLen = () => {
    let x = r.next();
    for (let i = 0; i < weights.length; i++) if ((x -= weights[i]) < 0) return i + 1;
    return 6;
  };
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    // A token is usually a whole short word with its leading space, else a piece of a long one.
    let end = i + 1;
    while (end < text.length && text[end] !== ' ' && text[end] !== '\n' && end - i < 16) end++;
    const word = end - i;
    let len = word <= 6 && r.next() < 0.85 ? word : Math.min(pickLen(), word);
    len = Math.min(len, text.length - i);
    const last = text.charCodeAt(i + len - 1);
    if (last >= 0xd800 && last <= 0xdbff) len++;
    tokens.push(text.slice(i, i + len));
    i += len;
  }
  return tokens;
}

/** A reply of exactly `count` tokens (plain prose + markdown), for the hooks benchmark. */
export function tokensOfCount(count, seed = 99) {
  let chars = count * 5;
  for (;;) {
    const tokens = tokenize(markdownReply(chars, seed), seed);
    if (tokens.length >= count) return tokens.slice(0, count);
    chars *= 1.5;
  }
}

const MODEL_OPENAI = 'gpt-4o-2024-08-06';
const MODEL_ANTHROPIC = 'claude-sonnet-4-5-20250929';

/** An OpenAI Chat Completions stream (stream_options.include_usage) as the API sends it. */
export function openaiChatSSE(tokens, seed = 3) {
  const r = rng(seed);
  const id = 'chatcmpl-BzX9q2Lk0wM4aTqvN8eR1sYh6pJdC';
  const head = `{"id":"${id}","object":"chat.completion.chunk","created":1732000000,"model":"${MODEL_OPENAI}","service_tier":"default","system_fingerprint":"fp_07871e2ad8","choices":[`;
  const obf = () => {
    const n = r.int(1, 12);
    let s = '';
    for (let i = 0; i < n; i++) s += 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789'[r.int(0, 45)];
    return s;
  };
  const ev = (choices, usage = 'null', extra = `,"obfuscation":"${obf()}"`) => `data: ${head}${choices}],"usage":${usage}${extra}}\n\n`;
  const parts = [ev('{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}')];
  for (const t of tokens) {
    parts.push(ev(`{"index":0,"delta":{"content":${JSON.stringify(t)}},"logprobs":null,"finish_reason":null}`));
  }
  parts.push(ev('{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}'));
  parts.push(
    ev(
      '',
      `{"prompt_tokens":41,"completion_tokens":${tokens.length},"total_tokens":${tokens.length + 41},"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}`,
      '',
    ),
  );
  parts.push('data: [DONE]\n\n');
  return { body: parts.join(''), events: parts.length, textEvents: tokens.length };
}

/** An Anthropic Messages stream as the API sends it (event: lines, ping, message_delta usage). */
export function anthropicSSE(tokens) {
  const e = (type, data) => `event: ${type}\ndata: ${data}\n\n`;
  const parts = [
    e(
      'message_start',
      `{"type":"message_start","message":{"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"${MODEL_ANTHROPIC}","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":41,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":1,"service_tier":"standard"}}}`,
    ),
    e('content_block_start', '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}'),
    e('ping', '{"type": "ping"}'),
  ];
  for (const t of tokens) {
    parts.push(e('content_block_delta', `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":${JSON.stringify(t)}}}`));
  }
  parts.push(e('content_block_stop', '{"type":"content_block_stop","index":0}'));
  parts.push(
    e(
      'message_delta',
      `{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":41,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":${tokens.length}}}`,
    ),
  );
  parts.push(e('message_stop', '{"type":"message_stop"}'));
  return { body: parts.join(''), events: parts.length, textEvents: tokens.length };
}

/** Cuts bytes into network-like chunks (log-uniform 16 B – 8 KiB), splitting events and UTF-8 sequences. */
export function chunkBytes(bytes, seed = 11, min = 16, max = 8192) {
  const r = rng(seed);
  const chunks = [];
  let i = 0;
  const lmin = Math.log(min);
  const lmax = Math.log(max);
  while (i < bytes.length) {
    const size = Math.round(Math.exp(lmin + r.next() * (lmax - lmin)));
    chunks.push(bytes.subarray(i, Math.min(bytes.length, i + size)));
    i += size;
  }
  return chunks;
}

/** The standard decode fixtures: one reply, two wire formats. */
export function decodeFixtures() {
  const text = markdownReply(50_000);
  const tokens = tokenize(text);
  const full = text;
  const enc = new TextEncoder();
  const openai = openaiChatSSE(tokens);
  const anthropic = anthropicSSE(tokens);
  const mk = (name, protocol, rec) => {
    const bytes = enc.encode(rec.body);
    return { name, protocol, body: rec.body, bytes, chunks: chunkBytes(bytes), events: rec.events, textEvents: rec.textEvents, text: full };
  };
  return [mk('OpenAI Chat Completions', 'openai-chat', openai), mk('Anthropic Messages', 'anthropic', anthropic)];
}
