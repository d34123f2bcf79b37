/**
 * Labels with placeholders take file names, chat titles and tool names as they are: `$&`, `$'` and
 * `$$` in them are text, not String.replace patterns.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ChatList, Composer, ComposerAttachments, ToolApproval } from '../../src/ui';
import { BranchPicker } from '../../src/ui/branches';
import { fill } from '../../src/ui/fill';

describe('fill', () => {
  it('fills every placeholder with its value as written, and leaves unknown ones', () => {
    expect(fill('{a} and {b} and {c}', { a: "$&$'$`", b: '$$', c: 2 })).toBe("$&$'$` and $$ and 2");
    expect(fill('Keep {missing}', {})).toBe('Keep {missing}');
  });
});

describe('labels with a $ in the value', () => {
  it("a file named a$&b$'.txt: its remove button says so", async () => {
    function Harness() {
      const [value, setValue] = useState('');
      return <Composer value={value} onChange={setValue} onSubmit={() => {}} attachments={ComposerAttachments} />;
    }
    const { container } = render(<Harness />);
    URL.createObjectURL ??= () => 'blob:test';
    URL.revokeObjectURL ??= () => {};
    await userEvent.upload(await waitForInput(container), new File(['x'], "a$&b$'.txt", { type: 'text/plain' }));
    expect(await screen.findByRole('button', { name: "Remove a$&b$'.txt" })).toBeTruthy();
  });

  it("a chat titled 'Costs $$ and $&': rename and delete name it", () => {
    render(<ChatList chats={[{ id: 'c1', title: 'Costs $$ and $&', updatedAt: 0 }]} onSelect={() => {}} onNew={() => {}} onRename={() => {}} onDelete={() => {}} />);
    expect(screen.getByRole('button', { name: 'Rename “Costs $$ and $&”' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete “Costs $$ and $&”' })).toBeTruthy();
  });

  it('a tool named $&: the approval prompt names it', () => {
    render(<ToolApproval toolCallId="t1" name="get$&" />);
    expect(screen.getByText('Allow get$& to run?')).toBeTruthy();
  });

  it('the branch picker announces the version it moved to, whatever the order of {n} and {count}', async () => {
    render(<BranchPicker index={1} count={2} onSwitch={() => {}} labels={{ branchStatus: '{count} versions, showing {n}' }} />);
    await userEvent.click(screen.getByRole('button', { name: 'Previous version' }));
    expect(document.querySelector('.ask-branch-picker [aria-live]')?.textContent).toBe('2 versions, showing 1');
  });
});

/** The file input of the attachment UI (it may come from a chunk of its own). */
async function waitForInput(container: HTMLElement): Promise<HTMLInputElement> {
  await screen.findByRole('button', { name: 'Attach files' });
  return container.querySelector<HTMLInputElement>('input[type="file"]')!;
}
