import {
  type Actor,
  type AuditEntry,
  audited,
  canManage,
  canSee,
  type HandoverDeps,
  HandoverNotFoundError,
  type HandoverRecord,
} from './handover.ts';
import { referenceOf } from './handover-reference.ts';

/** One record for someone allowed to see it (audited as a read), or not found. */
export const openHandover = async (
  deps: HandoverDeps,
  id: string,
  actor: Actor,
  purpose: 'view' | 'correct' | 'withdraw' | 'export' = 'view',
): Promise<HandoverRecord> => {
  const record = await deps.handovers.get(id);
  if (!record || !canSee(actor, record)) throw new HandoverNotFoundError();
  if (purpose !== 'view' && !canManage(actor, record, purpose)) throw new HandoverNotFoundError();
  if (record.person) await audited(deps, actor, purpose === 'export' ? 'export' : 'view', [record]);
  return record;
};

/**
 * Checks, without reading any personal data out, that the actor may do `action` to the record:
 * the check before a change is validated, so nobody learns anything about a record outside
 * their scope from the answer to a bad request.
 */
export const assertMayManage = async (
  deps: HandoverDeps,
  id: string,
  actor: Actor,
  action: 'correct' | 'withdraw',
): Promise<void> => {
  const record = await deps.handovers.get(id);
  if (!record || !canSee(actor, record) || !canManage(actor, record, action))
    throw new HandoverNotFoundError();
};

/** The newest handovers of the caseworker's centres, or those matching a search (audited as reads). */
export const listHandovers = async (
  deps: HandoverDeps,
  actor: Actor,
  search?: string,
  limit = 50,
): Promise<HandoverRecord[]> => {
  const centres = actor.roles.includes('caseworker') ? actor.centres : [];
  const perCentre = await Promise.all(
    centres.map((centre) => deps.handovers.listByCentre(centre, search ? 1000 : limit)),
  );
  let records = perCentre.flat().sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
  if (search) {
    const needle = search.trim().toLowerCase();
    const digits = needle.replace(/\D/g, '');
    records = records.filter(
      (record) =>
        record.id.toLowerCase() === needle ||
        // The reference the kommune got ("Venner-reference"), as the caseworker may be asked for it.
        referenceOf(record.id).toLowerCase() === needle ||
        (record.person?.name.toLowerCase().includes(needle) ?? false) ||
        (digits.length >= 4 && (record.person?.phone.replace(/\D/g, '').includes(digits) ?? false)),
    );
  }
  records = records.slice(0, limit);
  await audited(
    deps,
    actor,
    search ? 'search' : 'list',
    records.filter((r) => r.person),
  );
  return records;
};

/**
 * Everything stored about one refugee, for an access request: the record (read and audited as an
 * export, which also checks the actor may export it) and its audit trail.
 */
export const exportHandover = async (
  deps: HandoverDeps,
  id: string,
  actor: Actor,
): Promise<{ record: HandoverRecord; audit: AuditEntry[] }> => {
  const record = await openHandover(deps, id, actor, 'export');
  return { record, audit: await deps.audit.listFor(id) };
};

/** The audit trail of one record, for those who may manage it. */
export const auditTrail = async (deps: HandoverDeps, id: string, actor: Actor): Promise<AuditEntry[]> => {
  const record = await deps.handovers.get(id);
  if (!record || !canSee(actor, record) || !canManage(actor, record, 'export'))
    throw new HandoverNotFoundError();
  return deps.audit.listFor(id);
};
