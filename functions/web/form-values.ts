/**
 * Reading posted form values into the shape of the JSON APIs, so one zod schema validates both.
 * Nothing is dropped silently: a value that is not what the field wants stays as text, and
 * validation then names the field.
 */

export type Posted = string | string[] | undefined;

/** The trimmed text of a field; undefined when empty. */
export const text = (value: Posted): string | undefined => {
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
};

/** A number when the field holds one; otherwise the text itself, so validation reports the field. */
export const integer = (value: Posted): number | string | undefined => {
  const raw = text(value);
  if (raw === undefined) return undefined;
  return /^-?\d+$/.test(raw) ? Number(raw) : raw;
};

/** Every value of a repeated field (checkboxes). */
export const list = (value: Posted): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
