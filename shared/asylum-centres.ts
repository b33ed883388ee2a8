import centres from './asylum-centres.json' with { type: 'json' };

/**
 * The asylum centres where handover interviews happen. Seed data from public information about
 * Udlændingestyrelsen's centres (the secretariat keeps the list in `asylum-centres.json`); a
 * caseworker's scope names centres by `id`.
 */
export interface AsylumCentre {
  readonly id: string;
  readonly name: string;
  readonly kommuneCode: string;
}

export const asylumCentres: readonly AsylumCentre[] = centres;

export const centreIds = centres.map((c) => c.id) as [string, ...string[]];

export const centreName = (id: string): string => centres.find((c) => c.id === id)?.name ?? id;
