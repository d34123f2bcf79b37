/**
 * Real image bytes for attachment tests: a decodable PNG of any size, and the headers of JPEG,
 * GIF and WebP files (enough for a decoder to read format and dimensions), plus a tiny PDF.
 */
import { crc32, deflateSync } from 'node:zlib';

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid RGBA PNG filled with one colour: browsers display it. */
/** Buffers over a plain ArrayBuffer: what `new File([…])` and `new Blob([…])` take. */
type Bytes = Buffer<ArrayBuffer>;

export function png(width: number, height: number, rgba: [number, number, number, number] = [37, 99, 235, 255]): Bytes {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter, no interlace
  const row = Buffer.alloc(1 + width * 4);
  for (let x = 0; x < width; x++) row.set(rgba, 1 + x * 4);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return <Bytes>Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(pixels)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The start of a baseline JPEG: SOI, a JFIF APP0 segment, then the SOF0 frame header. */
export function jpegHeader(width: number, height: number): Bytes {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return <Bytes>Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof]);
}

export function gifHeader(width: number, height: number): Bytes {
  const size = Buffer.alloc(4);
  size.writeUInt16LE(width, 0);
  size.writeUInt16LE(height, 2);
  return <Bytes>Buffer.concat([Buffer.from('GIF89a', 'latin1'), size, Buffer.from([0, 0, 0])]);
}

/** An extended (VP8X) WebP header: the canvas size is stored minus one, in 24 bits. */
export function webpHeader(width: number, height: number): Bytes {
  const chunk = Buffer.alloc(18);
  chunk.write('VP8X', 0, 'latin1');
  chunk.writeUInt32LE(10, 4);
  chunk.writeUIntLE(width - 1, 12, 3);
  chunk.writeUIntLE(height - 1, 15, 3);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(4 + chunk.length, 4);
  riff.write('WEBP', 8, 'latin1');
  return <Bytes>Buffer.concat([riff, chunk]);
}

export const pdf = (): Bytes => <Bytes>Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

export const dataUrl = (mediaType: string, bytes: Buffer) => `data:${mediaType};base64,${bytes.toString('base64')}`;
