import { packageRoot } from '../resources/node.ts';
import { buildProgram } from './program.ts';

/** `npm run build`: compiles the program into dist/ (src/bundle/program.ts says how and why). */
const started = performance.now();
const { files } = await buildProgram(packageRoot);
process.stdout.write(`dist/: ${files.length} files in ${Math.round(performance.now() - started)} ms\n`);
