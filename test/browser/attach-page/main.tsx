// Test page for attachments in Chromium: a Composer with ComposerAttachments (images, PDFs and
// text up to 100 KB, three files at most) above the messages it sent, whose files go through the
// core's own File → part conversion. Submissions are recorded on `window.__attach.submissions`.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Composer, ComposerAttachments, MessageList } from '../../../src/ui';
import '../../../src/ui/styles.css';
import { userMessageParts } from '../../../src/core/files';
import type { Message } from '../../../src/core/types';

export interface Submission {
  text: string;
  files: { name: string; type: string; size: number }[];
}

declare global {
  interface Window {
    __attach: { submissions: Submission[] };
  }
}

window.__attach = { submissions: [] };
const theme = new URLSearchParams(location.search).get('theme') === 'dark' ? 'dark' : 'light';
document.documentElement.dataset.theme = theme;
document.body.style.background = theme === 'dark' ? '#1e1e1e' : '#ffffff';

function App() {
  const [value, setValue] = useState('');
  const [messages, setMessages] = useState<Message[]>([]);
  const submit = (text: string, files: File[] = []) => {
    window.__attach.submissions.push({ text, files: files.map(({ name, type, size }) => ({ name, type, size })) });
    setValue('');
    void userMessageParts(text, files).then((parts) =>
      setMessages((current) => [...current, { id: `u${current.length}`, role: 'user', content: text, timestamp: 0, parts }]),
    );
  };
  return (
    <main data-theme={theme}>
      <h1 className="ask-visually-hidden">Attachments</h1>
      <MessageList messages={messages} isStreaming={false} />
      <Composer value={value} onChange={setValue} onSubmit={submit} attachments={ComposerAttachments} accept="image/*,.pdf,.txt" maxFileSize={100_000} maxFiles={3} />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
