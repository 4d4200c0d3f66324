// Put in by esbuild (`inject`) where a package of the engine uses Node's global Buffer.
export { Buffer } from './buffer.ts';
