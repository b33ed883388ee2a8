/**
 * A value made the first time it is asked for, then kept: for what a cold start need not pay
 * before a request uses it (the first Intl date formatter loads the time-zone data, about 25 ms).
 */
export const lazy = <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
};
