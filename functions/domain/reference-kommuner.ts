import data from '../../shared/kommuner.json' with { type: 'json' };
import { lazy } from '../../shared/lazy.ts';
import { type Kommune, parseKommuner } from './kommune.ts';

/** The one place the reference list (shared/kommuner.json) is read: parsed and checked once, when first asked for. */

/** The 98 kommuner, in the list's order. */
export const referenceKommuner: () => readonly Kommune[] = lazy(() => parseKommuner(data));

/** The kommuner by their Danish names, for pickers. */
export const kommunerByName = (): Kommune[] =>
  [...referenceKommuner()].sort((a, b) => a.name.localeCompare(b.name, 'da'));

/** A kommune's name ("København"), or its code when the code is unknown. */
export const kommuneNameOf = (code: string): string =>
  referenceKommuner().find((k) => k.code === code)?.name ?? code;

/** Whether a code is one of the 98. */
export const isKommuneCode = (code: string): boolean => referenceKommuner().some((k) => k.code === code);

/** The two kommuner whose official names are not "<name> Kommune". */
const officialNames: Readonly<Record<string, string>> = {
  '101': 'Københavns Kommune',
  '400': 'Bornholms Regionskommune',
};

/** A kommune's official Danish name: "Københavns Kommune", "Allerød Kommune", "Bornholms Regionskommune". */
export const kommuneOfficialName = (code: string): string =>
  officialNames[code] ?? `${kommuneNameOf(code)} Kommune`;
