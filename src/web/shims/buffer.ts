/**
 * Node's Buffer, as much of it as pdfkit and pdfmake use (the engine's own code makes none), for
 * the engine's browser bundle (src/bundle/web-engine.ts puts it in for the module `buffer` and the
 * global `Buffer`). A Uint8Array with Node's encodings for strings: 'binary'/'latin1' and 'ascii'
 * (a byte per character), 'utf8', 'utf16le'/'ucs2', 'hex' and 'base64'. What it does not do, it
 * refuses with an error rather than doing something else.
 */

type Encoding = 'binary' | 'latin1' | 'ascii' | 'utf8' | 'utf-8' | 'utf16le' | 'ucs2' | 'ucs-2' | 'hex' | 'base64';

const UTF8_ENCODER = new TextEncoder();
const UTF8_DECODER = new TextDecoder();

function encodingOf(encoding: string | undefined): Encoding {
  const e = (encoding ?? 'utf8').toLowerCase();
  if (['binary', 'latin1', 'ascii', 'utf8', 'utf-8', 'utf16le', 'ucs2', 'ucs-2', 'hex', 'base64'].includes(e)) return e as Encoding;
  throw new TypeError(`Unknown encoding: ${encoding}`);
}

function bytesOf(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf8':
    case 'utf-8':
      return UTF8_ENCODER.encode(text);
    case 'binary':
    case 'latin1':
    case 'ascii': {
      // Node keeps the low byte of each UTF-16 unit for all three.
      const out = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
      return out;
    }
    case 'utf16le':
    case 'ucs2':
    case 'ucs-2': {
      const out = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        out[2 * i] = unit & 0xff;
        out[2 * i + 1] = unit >> 8;
      }
      return out;
    }
    case 'hex': {
      const out = new Uint8Array(text.length >> 1);
      for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
      return out;
    }
    case 'base64': {
      const binary = atob(text.replace(/[^A-Za-z0-9+/]/g, ''));
      return bytesOf(binary, 'binary');
    }
  }
}

function textOf(bytes: Uint8Array, encoding: Encoding): string {
  switch (encoding) {
    case 'utf8':
    case 'utf-8':
      return UTF8_DECODER.decode(bytes);
    case 'binary':
    case 'latin1': {
      let text = '';
      // In slices: String.fromCharCode takes its arguments on the stack.
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return text;
    }
    case 'ascii': {
      let text = '';
      for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...Array.from(bytes.subarray(i, i + 0x8000), (b) => b & 0x7f));
      return text;
    }
    case 'utf16le':
    case 'ucs2':
    case 'ucs-2': {
      let text = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) text += String.fromCharCode(bytes[i]! | (bytes[i + 1]! << 8));
      return text;
    }
    case 'hex':
      return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    case 'base64':
      return btoa(textOf(bytes, 'binary'));
  }
}

class NodeBuffer extends Uint8Array {
  override toString(encoding?: string, start = 0, end = this.length): string {
    return textOf(this.subarray(start, end), encodingOf(encoding));
  }

  // Node's slice is a view, as subarray, not a copy.
  override slice(start?: number, end?: number): NodeBuffer {
    return this.subarray(start, end) as NodeBuffer;
  }

  readUInt8(offset: number): number {
    return this[offset]!;
  }

  readUInt16BE(offset: number): number {
    return (this[offset]! << 8) | this[offset + 1]!;
  }

  readUInt32BE(offset: number): number {
    return this[offset]! * 0x1000000 + ((this[offset + 1]! << 16) | (this[offset + 2]! << 8) | this[offset + 3]!);
  }

  equals(other: Uint8Array): boolean {
    return this.length === other.length && this.every((b, i) => b === other[i]);
  }

  copy(target: Uint8Array, targetStart = 0, sourceStart = 0, sourceEnd = this.length): number {
    const part = this.subarray(sourceStart, Math.min(sourceEnd, sourceStart + target.length - targetStart));
    target.set(part, targetStart);
    return part.length;
  }
}

/** Node's static functions of Buffer; `from` is Node's, not the typed arrays' (whose signature it does not keep). */
const statics = {
  from(value: string | ArrayLike<number> | ArrayBufferLike | Iterable<number>, encodingOrOffset?: string | number, length?: number): NodeBuffer {
    if (typeof value === 'string') return own(bytesOf(value, encodingOf(encodingOrOffset as string | undefined)));
    if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)) {
      // As Node: a view of the same memory.
      const offset = (encodingOrOffset as number | undefined) ?? 0;
      return new NodeBuffer(value as ArrayBuffer, offset, length ?? value.byteLength - offset);
    }
    // A copy, as Node's Buffer.from of an array or a typed array.
    const items = Array.isArray(value) || ArrayBuffer.isView(value) ? (value as ArrayLike<number>) : Array.from(value as Iterable<number>);
    const copy = new NodeBuffer(items.length);
    copy.set(items);
    return copy;
  },
  alloc(size: number, fill?: number): NodeBuffer {
    const buffer = new NodeBuffer(size);
    if (fill !== undefined && fill !== 0) buffer.fill(fill);
    return buffer;
  },
  isBuffer: (value: unknown): value is NodeBuffer => value instanceof NodeBuffer,
  byteLength: (text: string, encoding?: string): number => bytesOf(text, encodingOf(encoding)).length,
  concat(list: readonly Uint8Array[], total?: number): NodeBuffer {
    const length = total ?? list.reduce((sum, b) => sum + b.length, 0);
    const out = new NodeBuffer(length);
    let at = 0;
    for (const b of list) {
      if (at >= length) break;
      const part = b.subarray(0, length - at);
      out.set(part, at);
      at += part.length;
    }
    return out;
  },
};

/** A Buffer over the same memory as `bytes`. */
const own = (bytes: Uint8Array): NodeBuffer => new NodeBuffer(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);

for (const [name, fn] of Object.entries(statics)) Object.defineProperty(NodeBuffer, name, { value: fn, writable: true, configurable: true });

export const Buffer = NodeBuffer as unknown as Omit<typeof NodeBuffer, keyof typeof statics> & typeof statics & (new (size: number) => NodeBuffer);
export type Buffer = NodeBuffer;

export default { Buffer };
