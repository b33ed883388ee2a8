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
