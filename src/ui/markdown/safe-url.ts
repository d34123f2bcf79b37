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

/**
 * Which images in model output load by themselves. An `<img>` fetches its URL as soon as it
 * renders, so an image URL written by a prompt-injected model can carry the conversation to
 * any server: by default only images from the page's own origin load; others show as a link.
 * - `'same-origin'` (default): relative URLs and URLs of the page's origin.
 * - `'allow'`: any http(s) or relative URL.
 * - `'block'`: none.
 * - a list of URL prefixes (`['https://images.example.com/']`): URLs that start with one,
 *   compared after resolving (so `//host` and `/\host` are not mistaken for relative paths).
 */
export type ImagePolicy = 'allow' | 'same-origin' | 'block' | readonly string[];

// Without a page (server rendering) relative URLs resolve against a stand-in origin.
const standInOrigin = 'https://same-origin.invalid/';

function pageBase(): string {
  return typeof document !== 'undefined' && document.baseURI ? document.baseURI : standInOrigin;
}

/** `src` (already passed through `safeUrl`) may render as an `<img>` under `policy`. */
export function imageAllowed(src: string, policy: ImagePolicy): boolean {
  if (policy === 'allow') return true;
  if (policy === 'block') return false;
  let url: URL;
  const base = pageBase();
  try {
    // The same parser the browser uses: `//host`, `/\host` and `\\host` resolve to another host.
    url = new URL(src, base);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (policy === 'same-origin') return url.origin === new URL(base).origin;
  return policy.some((prefix) => {
    try {
      const allowed = new URL(prefix, base);
      return url.origin === allowed.origin && url.href.startsWith(allowed.href);
    } catch {
      return false;
    }
  });
}
