/**
 * The fakes reject what the real APIs reject (so the converter tests can fail): malformed requests
 * sent with the official clients come back as 400s with the providers' error wording.
 */
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAnthropicMessages, type ConvertibleMessage } from 'ai-stream-kit/server';
import { startStrictAnthropic } from '../fixtures/strict/strict-anthropic';
import { startStrictOpenAIChat } from '../fixtures/strict/strict-openai-chat';
import { startStrictResponses } from '../fixtures/strict/strict-responses';
import type { FakeProvider } from '../fixtures/strict/fake-provider';
import { dataUrl, jpegHeader, pdf, png } from '../../helpers/images';

const PNG = dataUrl('image/png', png(2, 2));
const JPEG_BYTES = jpegHeader(4, 3);

let chat: FakeProvider;
let responses: FakeProvider;
let anthropic: FakeProvider;
let openAIChat: OpenAI;
let openAIResponses: OpenAI;
let claude: Anthropic;

beforeAll(async () => {
  [chat, responses, anthropic] = await Promise.all([startStrictOpenAIChat(), startStrictResponses(), startStrictAnthropic()]);
  openAIChat = new OpenAI({ apiKey: 'k', baseURL: chat.url, maxRetries: 0 });
  openAIResponses = new OpenAI({ apiKey: 'k', baseURL: responses.url, maxRetries: 0 });
  claude = new Anthropic({ apiKey: 'k', baseURL: anthropic.url, maxRetries: 0 });
});
afterAll(() => Promise.all([chat.close(), responses.close(), anthropic.close()]));

const call = (id: string, name = 'get_weather') => ({ id, type: 'function' as const, function: { name, arguments: '{}' } });

describe('strict OpenAI Chat fake', () => {
  const send = (body: Record<string, unknown>) =>
    openAIChat.chat.completions.create({ model: 'gpt-4o', stream: true, ...body } as never);

  it.each([
    ['a tool message with no tool_calls before it', { messages: [{ role: 'user', content: 'hi' }, { role: 'tool', tool_call_id: 'call_1', content: 'x' }] }, "messages with role 'tool' must be a response to a preceeding message with 'tool_calls'"],
    ['a tool message answering an unknown id', { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: null, tool_calls: [call('call_1')] }, { role: 'tool', tool_call_id: 'call_2', content: 'x' }] }, "must be a response to a preceeding message with 'tool_calls'"],
    ['a call left unanswered before the next user message', { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: null, tool_calls: [call('call_1'), call('call_2')] }, { role: 'tool', tool_call_id: 'call_1', content: 'x' }, { role: 'user', content: 'and?' }] }, 'The following tool_call_ids did not have response messages: call_2'],
    ['a call left unanswered at the end', { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: null, tool_calls: [call('call_1')] }] }, 'did not have response messages: call_1'],
    ['a tool result after a user message', { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: null, tool_calls: [call('call_1')] }, { role: 'user', content: 'wait' }, { role: 'tool', tool_call_id: 'call_1', content: 'x' }] }, 'did not have response messages: call_1'],
    ['an assistant message with neither content nor tool_calls', { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: null }] }, "expected a string, got null"],
    ['a tool that is not a function', { messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'func', function: { name: 'x' } }] }, "Supported values are: 'function' and 'custom'"],
    ['a strict tool whose schema allows additional properties', { messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: { name: 'x', strict: true, parameters: { type: 'object', properties: {} } } }] }, "'additionalProperties' is required to be supplied and to be false"],
    ['a tool name with spaces', { messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: { name: 'get weather' } }] }, 'string does not match pattern'],
    ['a PDF by URL in a file part', { messages: [{ role: 'user', content: [{ type: 'file', file: { file_data: 'https://example.com/a.pdf', filename: 'a.pdf' } }] }] }, 'file_data (a base64 data URL)'],
    ['a BMP image', { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/bmp;base64,Qk0=' } }] }] }, "unsupported MIME type 'image/bmp'"],
    ['PNG-labelled bytes that are no image', { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,aGVsbG8=' } }] }] }, 'You uploaded an unsupported image'],
    ['an unknown image detail', { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: PNG, detail: 'max' } }] }] }, "Supported values are: 'auto', 'low', and 'high'"],
    ['a text file as a file part', { messages: [{ role: 'user', content: [{ type: 'file', file: { file_data: 'data:text/plain;base64,aGk=', filename: 'a.txt' } }] }] }, 'accepts only PDF files'],
    ['kit messages passed through unconverted', { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', parts: [{ type: 'text', text: 'yo' }] }] }, 'expected a string, got null'],
  ])('rejects %s', async (_name, body, message) => {
    const before = chat.rejections.length;
    await expect(send(body)).rejects.toMatchObject({ status: 400, message: expect.stringContaining(message) });
    expect(chat.rejections).toHaveLength(before + 1);
  });
});

describe('strict Anthropic fake', () => {
  const user = (content: unknown) => ({ role: 'user', content });
  const toolUse = (id: string) => ({ role: 'assistant', content: [{ type: 'tool_use', id, name: 'get_weather', input: {} }] });
  const result = (id: string, extra = {}) => ({ type: 'tool_result', tool_use_id: id, content: 'x', ...extra });
  const send = (body: Record<string, unknown>) => claude.messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, stream: true, ...body } as never);

  it.each([
    ['a request without max_tokens', { max_tokens: undefined, messages: [user('hi')] }, 'max_tokens: Field required'],
    ['a system message in messages', { messages: [{ role: 'system', content: 'be nice' }, user('hi')] }, 'top-level `system` parameter'],
    ['two user turns in a row', { messages: [user('hi'), user('again')] }, 'roles must alternate'],
    ['an empty text block', { messages: [user([{ type: 'text', text: '' }])] }, 'text content blocks must be non-empty'],
    ['a tool_use without a tool_result next', { messages: [user('hi'), toolUse('toolu_1'), { role: 'assistant', content: 'hm' }] }, '`tool_use` ids were found without `tool_result` blocks immediately after: toolu_1'],
    ['a tool_use whose result never comes', { messages: [user('hi'), toolUse('toolu_1'), user('go on')] }, 'immediately after: toolu_1'],
    ['a tool_result after text in the user turn', { messages: [user('hi'), toolUse('toolu_1'), user([{ type: 'text', text: 'here' }, result('toolu_1')])] }, 'Did not find 1 `tool_result` block(s) at the beginning of this message'],
    ['a tool_result for an unknown tool_use', { messages: [user('hi'), toolUse('toolu_1'), user([result('toolu_1'), result('toolu_2')])] }, 'unexpected `tool_use_id` found in `tool_result` blocks: toolu_2'],
    ['a tool without input_schema', { messages: [user('hi')], tools: [{ name: 'get_weather', description: 'x' }] }, 'input_schema: Field required'],
    ['a tool in the OpenAI shape', { messages: [user('hi')], tools: [{ type: 'function', function: { name: 'get_weather' } }] }, 'name: Field required'],
    ['a GIF sent as BMP', { messages: [user([{ type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'AAAA' } }])] }, 'supported media type'],
    ['a JPEG labelled image/png', { messages: [user([{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: JPEG_BYTES.toString('base64') } }])] }, 'image.source.base64.data: Image does not match the provided media type image/png'],
    ['an image that is not valid base64', { messages: [user([{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'not base64!' } }])] }, 'Invalid base64 data'],
    ['an image over 5 MB', { messages: [user([{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: Buffer.concat([png(1, 1), Buffer.alloc(5 * 1024 * 1024)]).toString('base64') } }])] }, 'image exceeds 5 MB maximum'],
    ['a PDF document whose bytes are no PDF', { messages: [user([{ type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'aGVsbG8=' } }])] }, 'The PDF specified was not valid'],
    ['a Word document', { messages: [user([{ type: 'document', source: { type: 'base64', media_type: 'application/msword', data: pdf().toString('base64') } }])] }, 'supported media type'],
    ['thinking without a signature', { messages: [user('hi'), { role: 'assistant', content: [{ type: 'thinking', thinking: 'hm' }, { type: 'text', text: 'ok' }] }, user('and?')] }, 'signature: Field required'],
  ])('rejects %s', async (_name, body, message) => {
    const before = anthropic.rejections.length;
    await expect(send(body)).rejects.toMatchObject({ status: 400, message: expect.stringContaining(message) });
    expect(anthropic.rejections).toHaveLength(before + 1);
  });

  it('rejects a tool loop continued with thinking on but the signed thinking block lost', async () => {
    const messages: ConvertibleMessage[] = [
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        parts: [
          { type: 'reasoning', text: 'I should look it up.' }, // no signature: the converter cannot send it back
          { type: 'tool-call', id: 'toolu_1', name: 'get_weather', argsText: '{}', args: {}, state: 'output-available', output: 'sunny' },
        ],
      },
    ];
    const { messages: converted } = toAnthropicMessages(messages);
    await expect(
      claude.messages.create({ model: 'claude-haiku-4-5', max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: converted, stream: true }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('Expected `thinking` or `redacted_thinking`, but found `tool_use`') });
  });
});

describe('strict OpenAI Responses fake', () => {
  const send = (body: Record<string, unknown>) => openAIResponses.responses.create({ model: 'gpt-4.1', stream: true, ...body } as never);
  const fc = (callId: string) => ({ type: 'function_call', call_id: callId, name: 'get_weather', arguments: '{}' });
  const out = (callId: string) => ({ type: 'function_call_output', call_id: callId, output: 'x' });

  it.each([
    ['an output with no function_call', { input: [{ role: 'user', content: 'hi' }, out('call_1')] }, 'No tool call found for function call output with call_id call_1'],
    ['an output before its function_call', { input: [{ role: 'user', content: 'hi' }, out('call_1'), fc('call_1')] }, 'No tool call found for function call output with call_id call_1'],
    ['a function_call with no output', { input: [{ role: 'user', content: 'hi' }, fc('call_1'), fc('call_2'), out('call_1')] }, 'No tool output found for function call call_2'],
    ['a tool in the Chat Completions shape', { input: 'hi', tools: [{ type: 'function', name: 'x', function: { name: 'x' }, parameters: { type: 'object' } }] }, "Unknown parameter: 'tools[0].function'"],
    ['a loose schema with strict: true', { input: 'hi', tools: [{ type: 'function', name: 'x', strict: true, parameters: { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false } }] }, "'required' is required to be supplied and to be an array including every key in properties. Missing 'a'"],
    ['an input_image with a bare path', { input: [{ role: 'user', content: [{ type: 'input_image', image_url: '/cat.png', detail: 'auto' }] }] }, 'invalid format'],
    ['an SVG image', { input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'data:image/svg+xml;base64,PHN2Zy8+', detail: 'auto' }] }] }, "unsupported MIME type 'image/svg+xml'"],
    ['an input_file without a file extension', { input: [{ role: 'user', content: [{ type: 'input_file', file_data: dataUrl('application/pdf', pdf()), filename: 'report' }] }] }, 'give the file name an extension'],
    ['a Chat-style image part', { input: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }] }, "Invalid value: 'image_url'"],
  ])('rejects %s', async (_name, body, message) => {
    const before = responses.rejections.length;
    await expect(send(body)).rejects.toMatchObject({ status: 400, message: expect.stringContaining(message) });
    expect(responses.rejections).toHaveLength(before + 1);
  });
});

describe('scripting the fakes', () => {
  const citations = [
    { url: 'https://weather.example/paris', title: 'Paris weather', citedText: '18 °C and sunny' },
    { url: 'https://weather.example/rome', title: 'Rome weather', citedText: '24 °C' },
  ];

  it('streams Anthropic citations_delta that the SDK collects on the text block', async () => {
    anthropic.script({ text: 'Paris 18 °C, Rome 24 °C.', citations });
    const message = await claude.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'Weather?' }] }).finalMessage();
    expect(message.content).toEqual([
      {
        type: 'text',
        text: 'Paris 18 °C, Rome 24 °C.',
        citations: citations.map(({ url, title, citedText }, n) => ({ type: 'web_search_result_location', url, title, cited_text: citedText, encrypted_index: `enc-${n}` })),
      },
    ]);
  });

  it('streams Responses url_citation annotations', async () => {
    responses.script({ text: 'Paris 18 °C, Rome 24 °C.', citations });
    const response = await openAIResponses.responses.stream({ model: 'gpt-4.1', input: 'Weather?' }).finalResponse();
    const message = response.output[0];
    expect(message?.type === 'message' && message.content[0]).toMatchObject({
      type: 'output_text',
      annotations: citations.map(({ url, title }) => ({ type: 'url_citation', url, title, start_index: 0, end_index: 24 })),
    });
  });

  it('answers with an HTTP error when scripted to, in the provider error shape', async () => {
    anthropic.script({ fail: { status: 529, type: 'overloaded_error', message: 'Overloaded' } });
    chat.script({ fail: { status: 429, type: 'rate_limit_exceeded', message: 'Rate limit reached' } });
    await expect(claude.messages.create({ model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }], stream: true })).rejects.toMatchObject({
      status: 529,
      error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
    await expect(openAIChat.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true })).rejects.toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('lets a script pick the reply from the request', async () => {
    chat.script((body) => ({ text: `You said: ${String((body.messages as { content: string }[]).at(-1)!.content)}` }));
    const completion = await openAIChat.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'ping' }] }).finalChatCompletion();
    expect(completion.choices[0]!.message.content).toBe('You said: ping');
  });
});
