import { pathOf } from '../../shared/routes.ts';
import type { GroupAvailability, LocalGroup } from '../domain/organisations.ts';
import type { VolunteerRequest } from '../domain/volunteer-requests.ts';
import { danishDate } from './handover-texts.ts';
import { countOf } from './plural.ts';
import { languageLabels } from './volunteer-texts.ts';

/** Local groups on the coordinators' pages: names, another group's anonymous counts, a request. */

/** Group id → name, for every group (an unknown id shows as itself). */
export type GroupNames = Readonly<Record<string, string>>;

export const groupNamesOf = (groups: readonly LocalGroup[]): GroupNames =>
  Object.fromEntries(groups.map((g) => [g.id, g.name]));

export const groupName = (names: GroupNames, id: string | undefined): string =>
  id ? (names[id] ?? id) : 'Ikke tildelt en gruppe';

/** One other group on a refugee's page: what it has (counts only) and where a request stands. */
export interface GroupToAsk {
  readonly group: LocalGroup;
  readonly availability?: GroupAvailability;
  readonly request?: VolunteerRequest;
}

const requestText = (request: VolunteerRequest): string =>
  request.status === 'open'
    ? `Du har bedt om en frivillig ${danishDate(request.createdAt)}; gruppen har ikke svaret endnu.`
    : request.status === 'declined'
      ? `Gruppen har sagt nej ${request.answeredAt ? danishDate(request.answeredAt) : ''}: den har ingen frivillig, der passer.`
      : 'Gruppen har svaret.';

export const OtherGroups = ({ consentId, groups }: { consentId: string; groups: readonly GroupToAsk[] }) =>
  groups.length === 0 ? null : (
    <section aria-labelledby="other-groups">
      <h2 id="other-groups">Andre grupper i kommunen</h2>
      <p>
        Deres frivillige ser du kun som tal. Bed gruppen om en frivillig: gruppens koordinator får det som en
        opgave og foreslår selv en af sine frivillige, eller siger nej.
      </p>
      <ul class="nobullet-list venner-other-groups">
        {groups.map(({ group, availability, request }) => (
          <li key={group.id} class="venner-other-group">
            <h3 class="h4">{group.name}</h3>
            <p>
              {availability
                ? `${countOf(availability.volunteers, 'ledig frivillig', 'ledige frivillige')} med ${countOf(availability.places, 'plads', 'pladser')}${availability.friendFamilies ? `, heraf ${countOf(availability.friendFamilies, 'venskabsfamilie', 'venskabsfamilier')}` : ''}${availability.languages.length ? `; sprog: ${availability.languages.map((l) => (languageLabels[l as keyof typeof languageLabels]?.da ?? l).toLowerCase()).join(', ')}` : ''}`
                : 'Ingen ledige frivillige lige nu.'}
            </p>
            {request ? <p class="venner-muted">{requestText(request)}</p> : null}
            {request?.status !== 'open' ? (
              <form method="post" action={pathOf('matching', 'requestVolunteer', { id: consentId })}>
                <input type="hidden" name="group" value={group.id} />
                <button type="submit" class="button button-secondary">
                  Bed {group.name} om en frivillig
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
