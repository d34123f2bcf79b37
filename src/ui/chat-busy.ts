import { createContext } from 'react';

/**
 * True below a `MessageList` while a reply streams: Edit, Regenerate and the branch picker are
 * disabled then. A context, so only those buttons re-render when a reply starts or ends, never
 * the messages themselves.
 */
export const ChatBusy = createContext(false);
