import type { HandoverRecord, PersonDetails } from '../functions/domain/handover.ts';

/**
 * A waiting refugee's handover record as the benchmarks seed it (the same shape the handover
 * writes); each benchmark varies the kommune, the times, the sharing and the person's profile.
 */
export const seededRecord = (input: {
  readonly id: string;
  readonly kommuneCode: string;
  /** When it was recorded (ISO). */
  readonly at: string;
  readonly interviewDate: string;
  readonly share: Pick<HandoverRecord['consent'], 'shareWithVolunteers' | 'shareWithKommune'>;
  /** Index for the name, phone and address. */
  readonly n: number;
  readonly person: Partial<PersonDetails>;
}): HandoverRecord =>
  ({
    id: input.id,
    centreId: 'sandholm',
    kommuneCode: input.kommuneCode,
    interviewDate: input.interviewDate,
    status: 'waiting',
    recordedAt: input.at,
    recordedBy: { sub: 'bench', name: 'bench' },
    consent: {
      noticeVersion: '2026-10-01',
      noticeLanguage: 'arabic',
      interpreterUsed: true,
      consentMethod: 'signed-form',
      ...input.share,
    },
    consentEvents: [],
    person: {
      name: `Flygtning ${input.n}`,
      phone: `+45${String(30000000 + input.n)}`,
      nationality: 'Syrisk',
      birthYear: 1990,
      childrenAges: [],
      ...input.person,
    },
    version: 1,
    updatedAt: input.at,
  }) as HandoverRecord;
