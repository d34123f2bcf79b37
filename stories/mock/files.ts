// Attachments for stories: a real 48×32 PNG (inline, so nothing is fetched) and a few file parts.
import type { MessagePart } from '../../src/core/message-parts';

export const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAYAAABU1PscAAAATklEQVR4nO3PMQ0AIADAMMygDPmIABEcDcmO/d2Ya5+fGxrQgAY0oAENaEADGtCABjSgAQ1oQAMa0IAGNKABDWhAAxrQgAY0oAENaMBrF/TVrNN7mCwWAAAAAElFTkSuQmCC';
export const PNG_DATA_URL = `data:image/png;base64,${PNG_BASE64}`;

/** The PNG as a File, as a user would pick it. */
export const pngFile = (name = 'chart.png') => new File([Uint8Array.from(atob(PNG_BASE64), (c) => c.charCodeAt(0))], name, { type: 'image/png' });

export const userFileParts: MessagePart[] = [
  { type: 'file', mediaType: 'image/png', url: PNG_DATA_URL, name: 'chart.png', size: 180 },
  { type: 'file', mediaType: 'application/pdf', url: 'data:application/pdf;base64,JVBERi0xLjQ=', name: 'Q3 report.pdf', size: 1_945_600 },
  { type: 'text', text: 'Does the chart match the numbers in the report?' },
];
