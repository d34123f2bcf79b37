import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KIT_EVENT_NAMES, decodeKit } from '../../src/protocol/kit';

// docs/protocol.md is the contract between StreamingResponse and AIStream: its event table and
// the decoder must name the same events.
describe('docs/protocol.md', () => {
  const doc = readFileSync(new URL('../../docs/protocol.md', import.meta.url), 'utf8');
  const documented = [...doc.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]!);

  it('documents exactly the events the kit decoder reads', () => {
    expect(new Set(documented)).toEqual(new Set(KIT_EVENT_NAMES));
  });

  it("decodes the framing example it shows", () => {
    const example = /```\n(id: .*)\n(event: .*)\n(data: .*)\n/.exec(doc)!;
    const [id, event, data] = example.slice(1).map((line) => line.slice(line.indexOf(':') + 2));
    expect(decodeKit({ id, event, data: data! })).toEqual([{ type: 'text-delta', delta: 'Hel' }]);
  });
});
