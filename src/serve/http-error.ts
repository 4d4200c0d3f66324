/**
 * An answer of the web server that is not a success. The class is the engine's refusal
 * (src/messages/refusal.ts), which the browser's engine throws too: one set of messages.
 */
export { Refusal as HttpError, internalError } from '../messages/refusal.ts';
