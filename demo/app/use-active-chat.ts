import { useCallback, useEffect, useState } from 'react';
import { newChatId } from '../../src/core/index';

/** `#chat/<id>`: a reload keeps the open chat, a second tab with the same URL opens it too, a plain URL starts a new one. */
const PREFIX = '#chat/';

const fromHash = () => (location.hash.startsWith(PREFIX) ? decodeURIComponent(location.hash.slice(PREFIX.length)) : undefined);

/** The open chat's id, kept in the URL hash. */
export function useActiveChat(): [string, (id: string) => void] {
  const [id, setId] = useState(() => fromHash() ?? newChatId());
  useEffect(() => {
    if (fromHash() !== id) history.replaceState(null, '', PREFIX + encodeURIComponent(id));
  }, [id]);
  useEffect(() => {
    const onHashChange = () => {
      const next = fromHash();
      if (next) setId(next);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return [id, useCallback((next: string) => setId(next), [])];
}
