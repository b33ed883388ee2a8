/**
 * A short reference both kommune emails carry (the first 8 characters of the record's id), so the
 * kommune can find what to delete without a name; the staff pages show it too. Apart from
 * handover.ts so that code which only quotes it does not load the handover contract's schemas.
 */
export const referenceOf = (id: string): string => id.slice(0, 8).toUpperCase();
