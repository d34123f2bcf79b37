/** In-page news that a chat was saved or changed in storage, so lists refresh (other tabs: the `storage` event). */
const listeners = new Set<(id: string) => void>();

export function onChatSaved(listener: (id: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function chatSaved(id: string): void {
  for (const listener of [...listeners]) listener(id);
}
