// Reads a response body, decompressed (gzip, deflate, br), stopping at the cap: the cap counts decompressed bytes, so
// a small compressed bomb cannot grow past it.
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

export async function readCapped(
  body: Readable,
  encoding: string | undefined,
  maxBytes: number,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const codec = (encoding ?? '').trim().toLowerCase();
  const decoder =
    codec === 'gzip' || codec === 'x-gzip'
      ? createGunzip()
      : codec === 'deflate'
        ? createInflate()
        : codec === 'br'
          ? createBrotliDecompress()
          : null;
  if (codec && codec !== 'identity' && !decoder)
    throw new Error(`The response is encoded as "${codec}", which http_fetch cannot read.`);
  const stream: Readable = decoder ? body.pipe(decoder) : body;
  if (decoder) body.on('error', (error) => decoder.destroy(error));
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      if (size + buffer.length > maxBytes) {
        chunks.push(buffer.subarray(0, maxBytes - size));
        return { bytes: Buffer.concat(chunks), truncated: true };
      }
      chunks.push(buffer);
      size += buffer.length;
    }
  } finally {
    stream.destroy();
    body.destroy();
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}
