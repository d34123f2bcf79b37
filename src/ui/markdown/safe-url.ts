import { decodeEntities } from './entities';

const allowedSchemes = new Set(['http', 'https', 'mailto']);

/**
 * Returns the URL to put in `href`/`src`, or `undefined` when it must not be used.
 * Allowed: http(s), mailto and relative URLs. The check runs on what a browser would
 * see: entities decoded, then every control character and whitespace removed (browsers
 * drop tabs and newlines anywhere in a URL), then case-folded — so `JaVaScRiPt:`,
 * `java\tscript:` and `&#106;avascript:` are all caught.
 */
export function safeUrl(url: string | null | undefined): string | undefined {
  if (url == null) return undefined;
  const decoded = decodeEntities(url).trim();
  // eslint-disable-next-line no-control-regex
  const probe = decoded.replace(/[\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]+/g, '').toLowerCase();
  const scheme = /^([^/?#]*?):/.exec(probe);
  if (!scheme) return decoded;
  return allowedSchemes.has(scheme[1]!) ? decoded : undefined;
}
