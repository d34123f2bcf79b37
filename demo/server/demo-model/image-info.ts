/**
 * An image's format and pixel size from its first bytes (PNG, JPEG, GIF, WebP), as the demo model
 * reports them back. Headers only: nothing is decoded, and anything unrecognised is undefined.
 */
export interface ImageInfo {
  format: 'PNG' | 'JPEG' | 'GIF' | 'WebP';
  width: number;
  height: number;
}

export function imageInfo(bytes: Uint8Array): ImageInfo | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
  try {
    // PNG: signature, then the IHDR chunk (width, height as big-endian 32-bit).
    if (bytes[0] === 0x89 && ascii(1, 4) === 'PNG' && ascii(12, 16) === 'IHDR') {
      return { format: 'PNG', width: view.getUint32(16), height: view.getUint32(20) };
    }
    // GIF: logical screen size, little-endian 16-bit.
    if (ascii(0, 4) === 'GIF8') return { format: 'GIF', width: view.getUint16(6, true), height: view.getUint16(8, true) };
    if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return webp(bytes, view, ascii(12, 16));
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpeg(bytes, view);
  } catch {
    // A header cut short (RangeError): not an image we can read.
  }
  return undefined;
}

/** WebP comes in three flavours: lossy (VP8), lossless (VP8L) and extended (VP8X). */
function webp(bytes: Uint8Array, view: DataView, chunk: string): ImageInfo | undefined {
  if (chunk === 'VP8 ') return { format: 'WebP', width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true); // 14 bits width - 1, 14 bits height - 1
    return { format: 'WebP', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    const u24 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
    return { format: 'WebP', width: u24(24) + 1, height: u24(27) + 1 };
  }
  return undefined;
}

/** JPEG: walk the segments to the frame header (SOFn), which holds height then width. */
function jpeg(bytes: Uint8Array, view: DataView): ImageInfo | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { format: 'JPEG', height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}
