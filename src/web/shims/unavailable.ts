/**
 * The Node modules that packages of the engine import but that the engine never calls in a browser
 * (pdfkit reads standard fonts and pictures by path with `fs`; js-md5 asks for `crypto` only on
 * Node): every function fails, naming itself, should one be called after all.
 */
const refuse =
  (name: string) =>
  (..._args: unknown[]): never => {
    throw new Error(`${name} is not available in the browser (ita-report's engine bundle)`);
  };

export const readFileSync = refuse('fs.readFileSync');
export const writeFileSync = refuse('fs.writeFileSync');
export const createWriteStream = refuse('fs.createWriteStream');
export const existsSync = (_path: unknown): boolean => false;
export const createHash = refuse('crypto.createHash');

export default { readFileSync, writeFileSync, createWriteStream, existsSync, createHash };
