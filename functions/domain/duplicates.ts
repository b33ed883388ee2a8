import { createHash } from 'node:crypto';
import type { HandoverRecord } from './handover.ts';

/**
 * Keys under which two handovers of the same person meet, whoever recorded them: the phone
 * number; and name, birth year and kommune together. Hashed, so the index holds no personal data.
 */
const hash = (purpose: string, value: string) =>
  createHash('sha256').update(`venner/${purpose}:${value}`).digest('base64url').slice(0, 32);

/** Lower case, without accents or extra spaces: "Ali  Hassan" and "ali hassan" are one name. */
export const normaliseName = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The phone key of a number as stored (E.164): what a search by phone looks up. */
export const phoneKeyOf = (phone: string): string => hash('phone', phone.replace(/\D/g, ''));

export const duplicateKeys = (
  record: Pick<HandoverRecord, 'kommuneCode' | 'interviewDate' | 'person' | 'status'>,
): { phoneKey?: string; personKey?: string } => {
  const p = record.person;
  if (!p || record.status === 'withdrawn') return {};
  const birthYear =
    p.birthYear ?? (p.age !== undefined ? Number(record.interviewDate.slice(0, 4)) - p.age : undefined);
  return {
    phoneKey: phoneKeyOf(p.phone),
    personKey:
      birthYear !== undefined
        ? hash('person', `${normaliseName(p.name)}|${birthYear}|${record.kommuneCode}`)
        : undefined,
  };
};
