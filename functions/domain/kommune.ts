import * as z from 'zod';

export const kommuneSchema = z.object({
  code: z.string().regex(/^\d{3}$/),
  name: z.string().min(1),
  regionCode: z.string().regex(/^\d{4}$/),
  region: z.string().min(1),
});

export type Kommune = z.infer<typeof kommuneSchema>;

/** Validates the reference list: 98 kommuner, unique codes. */
export const parseKommuner = (data: unknown): Kommune[] => {
  const kommuner = z.array(kommuneSchema).parse(data);
  const codes = new Set(kommuner.map((kommune) => kommune.code));
  if (codes.size !== kommuner.length) throw new Error('Duplicate kommune codes in the reference list');
  return kommuner;
};
