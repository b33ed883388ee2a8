import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { matchCounterChanges } from '../domain/kommune.ts';
import { MatchWriteConflict, type WritePart } from '../domain/matching.ts';
import type { DepartureStore } from '../domain/volunteer-departure.ts';
import { kommuneCounterItems } from './kommuner-table.ts';
import { matchWriteConflict, matchWriteItems } from './match-write.ts';
import { matchesRepository } from './matches-repository.ts';
import type { TransactItem } from './transact-item.ts';
import { volunteersRepository } from './volunteers-repository.ts';

export interface DepartureTables {
  readonly volunteers: string;
  readonly matches: string;
  /** Written only (a record moved back to the waiting list, on a condition); never read. */
  readonly consents: string;
  readonly kommuner: string;
  readonly outbox: string;
  /** The ended matches' open tasks are removed with them. */
  readonly tasks?: string;
}

/**
 * A volunteer's departure as one transaction: their item and email guard deleted, each open match
 * ended with its record moved back and its email, the kommuner's counters moved once each.
 */
export const departureStore = (db: DynamoDBDocumentClient, tables: DepartureTables): DepartureStore => {
  const volunteers = volunteersRepository(db, tables.volunteers);
  const matches = matchesRepository(db, tables);
  return {
    listByVolunteer: (id) => matches.listByVolunteer(id),

    async depart(volunteer, writes, counterChanges, now) {
      const erase = await volunteers.eraseItems(volunteer);
      const items: TransactItem[] = [...erase];
      const owners: ({ part: WritePart; matchId?: string } | undefined)[] = erase.map((_, i) =>
        i === 0 ? { part: 'volunteer' } : undefined,
      );
      for (const write of writes) {
        // The counters of all matches and the volunteer are merged below: one update per kommune.
        const built = matchWriteItems(tables, write, now, false);
        items.push(...built.items);
        owners.push(
          ...built.parts.map((part) => (part ? { part, matchId: write.match.after.id } : undefined)),
        );
      }
      items.push(
        ...kommuneCounterItems(tables.kommuner, [
          ...counterChanges,
          ...writes.flatMap((write) => matchCounterChanges(write.match.before, write.match.after)),
        ]),
      );
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (error) {
        const conflict = matchWriteConflict(
          error,
          owners.map((owner) => owner?.part),
        );
        if (!(conflict instanceof MatchWriteConflict)) throw conflict;
        const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
        const owner = owners[reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed')];
        throw new MatchWriteConflict(conflict.part, owner?.matchId);
      }
    },
  };
};
