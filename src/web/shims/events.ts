/**
 * Node's EventEmitter, as much of it as pdfmake and pdfkit use (their layout's writers and
 * pdfkit's line wrapper), for the engine's browser bundle. Listeners run in the order they were
 * added, on a copy of the list taken when the event is emitted, as Node runs them.
 */

type Listener = (...args: unknown[]) => void;

export class EventEmitter {
  private listenersByEvent = new Map<string | symbol, Listener[]>();

  on(event: string | symbol, listener: Listener): this {
    return this.add(event, listener, false);
  }

  addListener(event: string | symbol, listener: Listener): this {
    return this.add(event, listener, false);
  }

  prependListener(event: string | symbol, listener: Listener): this {
    return this.add(event, listener, true);
  }

  once(event: string | symbol, listener: Listener): this {
    const once: Listener & { listener?: Listener } = (...args) => {
      this.removeListener(event, once);
      listener.apply(this, args);
    };
    once.listener = listener;
    return this.add(event, once, false);
  }

  off(event: string | symbol, listener: Listener): this {
    return this.removeListener(event, listener);
  }

  removeListener(event: string | symbol, listener: Listener): this {
    const list = this.listenersByEvent.get(event);
    if (!list) return this;
    // The last one added goes first, as in Node.
    for (let i = list.length - 1; i >= 0; i--) {
      const l = list[i] as Listener & { listener?: Listener };
      if (l === listener || l.listener === listener) {
        list.splice(i, 1);
        break;
      }
    }
    if (list.length === 0) this.listenersByEvent.delete(event);
    return this;
  }

  removeAllListeners(event?: string | symbol): this {
    if (event === undefined) this.listenersByEvent.clear();
    else this.listenersByEvent.delete(event);
    return this;
  }

  emit(event: string | symbol, ...args: unknown[]): boolean {
    const list = this.listenersByEvent.get(event);
    if (!list || list.length === 0) {
      if (event === 'error') throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error: ${String(args[0])}`);
      return false;
    }
    for (const listener of [...list]) listener.apply(this, args);
    return true;
  }

  listeners(event: string | symbol): Listener[] {
    return [...(this.listenersByEvent.get(event) ?? [])];
  }

  listenerCount(event: string | symbol): number {
    return this.listenersByEvent.get(event)?.length ?? 0;
  }

  setMaxListeners(): this {
    return this;
  }

  private add(event: string | symbol, listener: Listener, first: boolean): this {
    let list = this.listenersByEvent.get(event);
    if (!list) this.listenersByEvent.set(event, (list = []));
    if (first) list.unshift(listener);
    else list.push(listener);
    return this;
  }
}

export default EventEmitter;
