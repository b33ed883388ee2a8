/**
 * A schema (or any object) built the first time it is used. Building zod schemas at import costs
 * a cold start tens of milliseconds (docs/performance.md) although a function answers one route
 * at a time; wrapped, each schema is built when a route first parses with it, or when a schema
 * built then contains it. The proxy forwards everything to the built object, methods bound to it,
 * so it passes wherever the schema does (inside other schemas, `instanceof`, zod's own checks).
 */
export const lazySchema = <T extends object>(build: () => T): T => {
  let built: T | undefined;
  const real = (): T => {
    built ??= build();
    return built;
  };
  return new Proxy({} as T, {
    get: (_target, key) => {
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

/** A plain value (a shape of schemas) built on first call, then kept. */
export const once = <T>(build: () => T): (() => T) => {
  let built: T | undefined;
  return () => {
    built ??= build();
    return built;
  };
};
