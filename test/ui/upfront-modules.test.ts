// @vitest-environment node
/**
 * What an app's bundler puts up front for <Chat/> (Vite, as test/../upfront measurements do: the
 * entry chunk and the chunks it imports statically): none of the attachment, edit, branch or
 * file code, nor their labels' defaults, unless the app passes `attachments`.
 */
import { build, type Rollup } from 'vite';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ui = fileURLToPath(new URL('../../src/ui/index.ts', import.meta.url));

/** Module paths (relative to src/) and code of the up-front chunks, and the modules of the others. */
async function bundle(app: string): Promise<{ upfront: string[]; code: string; onDemand: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'upfront-'));
  const entry = join(dir, 'app.jsx');
  writeFileSync(entry, app.replace('UI', ui));
  const out = (await build({
    configFile: false,
    logLevel: 'silent',
    root: dir,
    build: { write: false, minify: true, modulePreload: false, rollupOptions: { input: entry, external: (id) => /^(react|react-dom)(\/|$)/.test(id) } },
    plugins: [{ name: 'no-css', load: (id) => (id.endsWith('.css') ? '' : undefined) }],
  })) as Rollup.RollupOutput;
  const chunks = new Map(out.output.flatMap((o) => (o.type === 'chunk' ? [[o.fileName, o] as const] : [])));
  const seen = new Set<string>();
  const stack = [[...chunks.values()].find((c) => c.isEntry)!.fileName];
  while (stack.length) {
    const name = stack.pop()!;
    if (seen.has(name) || !chunks.has(name)) continue; // react is external
    seen.add(name);
    stack.push(...chunks.get(name)!.imports);
  }
  const modules = (names: string[]) => names.flatMap((name) => Object.keys(chunks.get(name)!.modules)).map((id) => id.replace(/^.*\/src\//, ''));
  return {
    upfront: modules([...seen]),
    code: [...seen].map((name) => chunks.get(name)!.code).join('\n'),
    onDemand: modules([...chunks.keys()].filter((name) => !seen.has(name))),
  };
}

const onDemandOnly = ['ui/ComposerAttachments.tsx', 'ui/attachment-rules.ts', 'ui/attachment-labels.ts', 'ui/edit-labels.ts', 'ui/all-labels.ts', 'ui/message-actions.tsx', 'ui/MessageEditor.tsx', 'ui/BranchPicker.tsx', 'ui/RegenerateButton.tsx', 'ui/FilePartView.tsx'];

describe('<Chat/> up front', () => {
  it('without attachments: no attachment, edit, branch or file code and none of their labels; the actions and files load on demand', async () => {
    const { upfront, code, onDemand } = await bundle(`import { Chat } from 'UI'; console.log(Chat);`);
    expect(upfront).toContain('ui/Chat.tsx');
    expect(upfront.filter((id) => onDemandOnly.includes(id))).toEqual([]);
    for (const label of ['Attach files', 'Remove {name}', 'Edit message', 'Version {n} of {count}', 'Previous version']) expect(code.includes(label), label).toBe(false);
    expect(onDemand).toEqual(expect.arrayContaining(['ui/message-actions.tsx', 'ui/edit-labels.ts', 'ui/FilePartView.tsx']));
  }, 60_000);

  it('with attachments={ComposerAttachments}: the attachment UI and its labels are up front', async () => {
    const { upfront, code } = await bundle(`import { Chat, ComposerAttachments } from 'UI'; console.log(Chat, ComposerAttachments);`);
    expect(upfront).toEqual(expect.arrayContaining(['ui/ComposerAttachments.tsx', 'ui/attachment-rules.ts', 'ui/attachment-labels.ts']));
    expect(code.includes('Attach files')).toBe(true);
  }, 60_000);
});
