import { unzlibSync, zlibSync } from 'fflate';
import { Buffer } from './buffer.ts';

/**
 * Node's zlib, as much of it as pdfkit uses, for the engine's browser bundle. pdfkit's streams are
 * deflated by pdfkit-hooks.ts with fflate on every platform; this covers pdfkit's own calls that
 * the engine never makes (pictures), with the same compressor at zlib's default level, which
 * pdfkit asks Node's zlib for (the hook's streams are at STREAM_DEFLATE_LEVEL).
 */
export const deflateSync = (data: Uint8Array): Buffer => Buffer.from(zlibSync(data, { level: 6 }));
export const inflateSync = (data: Uint8Array): Buffer => Buffer.from(unzlibSync(data));

export default { deflateSync, inflateSync };
