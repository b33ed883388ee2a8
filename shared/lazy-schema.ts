import { lazy } from './lazy.ts';

/**
 * A schema (or any object) built the first time it is used. Building zod schemas at import costs
 * a cold start tens of milliseconds (docs/performance.md) although a function answers one route
 * at a time; wrapped, each schema is built when a route first parses with it, or when a schema
 * built then contains it. The proxy forwards everything to the built object, methods bound to it,
 * for parsing and for reading its parts. Zod keys some work by the schema object itself (JSON Schema
 * generation): a schema built inside another, or handed to `z.toJSONSchema`, is the built one,
 * `unwrapSchema(s)`, never the proxy.
 */
const builtSchema = Symbol('built schema');

/** The schema a `lazySchema` stands for (built now if it was not yet); any other value as it is. */
export const unwrapSchema = <T>(schema: T): T =>
  ((schema as { [builtSchema]?: T } | undefined)?.[builtSchema] ?? schema) as T;

export const lazySchema = <T extends object>(build: () => T): T => {
  const real = lazy(build);
  return new Proxy({} as T, {
    get: (_target, key) => {
      if (key === builtSchema) return real();
      const target = real();
      const value = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set: (_target, key, value) => Reflect.set(real(), key, value),
    has: (_target, key) => Reflect.has(real(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      // A proxy may report a property its (empty) target lacks only as configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
  });
};
