import type { Message } from './types';

/**
 * What a client needs to continue a reply after a page reload (`AIStream.getResumeRecord()` →
 * storage → `AIStream.resumeReply(record)`). Independent of the endpoint: the endpoint, headers
 * and credentials come from the stream's config again, so nothing secret is stored beyond the
 * request body the page already sent.
 */
export interface ReplyResumeRecord {
  /** The partial assistant message's id (the last message of the saved conversation). */
  messageId: string;
  /** The id of the last event applied to it (`<streamId>-<seq>` for the kit protocol), sent as Last-Event-ID. */
  lastEventId?: string | undefined;
  /** The request body as sent: what a restart repeats when the server no longer holds the reply. */
  body: unknown;
  /** The message as it was when the current step began: what a restart goes back to. */
  stepBase: Message;
}
