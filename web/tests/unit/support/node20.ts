/**
 * Vitest 5 targets Node 22 and calls a few ES2024 built-ins that the machines' Node 20 lacks.
 * Defined here only when missing, so on Node 22+ this file does nothing. Remove with Node 20.
 */
type Key = PropertyKey;
const missing = (owner: object, name: string): boolean => typeof (owner as Record<string, unknown>)[name] !== 'function';

if (missing(Object, 'groupBy')) {
  Object.defineProperty(Object, 'groupBy', {
    configurable: true,
    writable: true,
    value<T>(items: Iterable<T>, key: (item: T, index: number) => Key) {
      const out: Record<Key, T[]> = Object.create(null);
      let i = 0;
      for (const item of items) (out[key(item, i++)] ??= []).push(item);
      return out;
    },
  });
}

if (missing(Map, 'groupBy')) {
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value<T, K>(items: Iterable<T>, key: (item: T, index: number) => K) {
      const out = new Map<K, T[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        const group = out.get(k);
        if (group) group.push(item);
        else out.set(k, [item]);
      }
      return out;
    },
  });
}

if (missing(Promise, 'withResolvers')) {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
