import { fileURLToPath } from 'node:url';
import { buildProgram } from './program.ts';

/** `npm run build`: compiles the program into dist/ (src/bundle/program.ts says how and why). */
const root = fileURLToPath(new URL('../../', import.meta.url));
const started = performance.now();
const files = await buildProgram(root);
process.stdout.write(`dist/: ${files.length} files in ${Math.round(performance.now() - started)} ms\n`);
