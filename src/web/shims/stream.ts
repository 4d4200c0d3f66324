import { Buffer } from './buffer.ts';
import { EventEmitter } from './events.ts';

/**
 * Node's Readable, as much of it as pdfkit's document (a Readable) and pdfmake's getBuffer (which
 * reads it on 'readable' until 'end') use, for the engine's browser bundle. What pdfkit pushes is
 * kept and handed out whole by read(); 'readable' and 'end' are emitted after the code that pushed
 * has run, as Node emits them on a later tick.
 */
export class Readable extends EventEmitter {
  private chunks: Uint8Array[] = [];
  private ended = false;
  private endEmitted = false;
  private scheduled = false;

  constructor(_options?: object) {
    super();
  }

  _read(): void {}

  push(chunk: Uint8Array | string | null): boolean {
    if (chunk === null) this.ended = true;
    else this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    this.schedule();
    return true;
  }

  read(): Buffer | null {
    if (this.chunks.length === 0) {
      this.schedule();
      return null;
    }
    const out = Buffer.concat(this.chunks);
    this.chunks = [];
    this.schedule();
    return out;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.chunks.length > 0) this.emit('readable');
      if (this.ended && this.chunks.length === 0 && !this.endEmitted) {
        this.endEmitted = true;
        this.emit('end');
      }
    });
  }
}

export default { Readable };
