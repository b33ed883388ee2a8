import { randomUUID } from 'node:crypto';
import { loadEnv } from '../../shared/env.ts';
import {
  handoverCorrectionSchema,
  handoverLimits,
  handoverSchema,
  withdrawalSchema,
} from '../../shared/handover-contract.ts';
import kommunerJson from '../../shared/kommuner.json' with { type: 'json' };
import { handoverPorts } from '../adapters/handover-ports.ts';
import { actorFor } from '../adapters/staff-directory.ts';
import { ValidationError } from '../domain/errors.ts';
import {
  type Actor,
  AlreadyWithdrawnError,
  assertMayManage,
  auditTrail,
  canManage,
  correctHandover,
  exportHandover,
  type HandoverRecord,
  kommuneEmailFor,
  kommuneRecipientsOf,
  listHandovers,
  openHandover,
  parseRecordId,
  recordHandover,
  withdrawConsent,
} from '../domain/handover.ts';
import { parseKommuner } from '../domain/kommune.ts';
import { NotFoundError, UnauthorizedError } from '../http/errors.ts';
import { type HttpEvent, type HttpResult, html, httpHandler, json } from '../http/http-handler.ts';
import { assertSameOrigin, redirect } from '../http/http-session.ts';
import { formBody, jsonBody } from '../http/request-body.ts';
import { staffAuthFrom } from '../http/staff-auth.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { toFieldErrors } from '../web/field-errors.ts';
import type { FormValues } from '../web/form-fields.tsx';
import { text } from '../web/form-values.ts';
import { formValuesOf, handoverFromForm, refugeeDetailsFromForm } from '../web/handover-form.ts';
import {
  AuditPage,
  CorrectionPage,
  DeclinedCountedPage,
  ExportPage,
  HandoverFormPage,
  HandoverListPage,
  HandoverViewPage,
  handoverPath,
  handoversPath,
  WithdrawPage,
} from '../web/handover-pages.tsx';
import { handoverFieldTexts } from '../web/handover-texts.ts';
import { compact } from '../web/volunteer-form.ts';

const env = loadEnv('handovers');
const staffAuth = staffAuthFrom(env);
const ports = handoverPorts(env);
const { deps } = ports;
const kommuner = parseKommuner(kommunerJson);

interface Request {
  readonly event: HttpEvent;
  readonly staff: StaffContext;
  readonly actor: Actor;
}

const fieldErrors = (error: Parameters<typeof toFieldErrors>[0], input: unknown) =>
  toFieldErrors(error, input, 'da', handoverFieldTexts);

const idOf = (event: HttpEvent): string => parseRecordId(event.pathParameters?.id);

const one = (values: FormValues, name: string) => text(values[name]) ?? '';

/** The details email to the latest kommune caseworker (a correction may have named another). */
const kommuneEmailState = (record: HandoverRecord) =>
  ports.emailState(kommuneEmailFor(record.id, Math.max(0, kommuneRecipientsOf(record).length - 1)).key);

// --- Pages -------------------------------------------------------------------------------------

const showNewForm = async ({ staff }: Request) =>
  html(
    HandoverFormPage({
      staff,
      kommuner,
      values: {
        submissionKey: randomUUID(),
        centreId: staff.centres.length === 1 ? staff.centres[0] : undefined,
        preferredVolunteerGender: 'any',
        noticeVersion: undefined,
      },
    }),
  );

const submitNewForm = async ({ event, staff, actor }: Request) => {
  assertSameOrigin(event);
  const values = formBody(event, handoverLimits.bodyBytes);
  const input = compact(handoverFromForm(values));
  const parsed = handoverSchema.safeParse(input);
  if (!parsed.success)
    return html(HandoverFormPage({ staff, kommuner, values, errors: fieldErrors(parsed.error, input) }), 400);
  const result = await recordHandover(deps, parsed.data, actor);
  if (result.kind === 'counted') return redirect(`${handoversPath}/talt`);
  return redirect(`${handoverPath(result.record.id)}?gemt=1`);
};

const showList = async ({ staff, actor }: Request) =>
  html(HandoverListPage({ staff, records: await listHandovers(deps, actor) }));

/** Search is a POST so that names never end up in a URL (and so in no access log or history). */
const search = async ({ event, staff, actor }: Request) => {
  assertSameOrigin(event);
  const q = one(formBody(event, 2048), 'q').slice(0, 100);
  const records = q ? await listHandovers(deps, actor, q) : await listHandovers(deps, actor);
  return html(HandoverListPage({ staff, records, search: q }));
};

const view = async ({ event, staff, actor }: Request) => {
  const record = await openHandover(deps, idOf(event), actor);
  return html(
    HandoverViewPage({
      staff,
      record,
      kommuneEmail: await kommuneEmailState(record),
      canManage: canManage(actor, record, 'withdraw'),
      notice: event.queryStringParameters?.gemt
        ? 'Overdragelsen er gemt.'
        : event.queryStringParameters?.rettet
          ? 'Rettelsen er gemt.'
          : undefined,
    }),
  );
};

const detailsOf = (record: HandoverRecord): FormValues => ({
  ...formValuesOf({ ...record.person, receivingKommune: record.kommuneCode }),
  version: String(record.version),
});

const showCorrection = async ({ event, staff, actor }: Request) => {
  const record = await openHandover(deps, idOf(event), actor, 'correct');
  if (!record.person) throw new AlreadyWithdrawnError();
  return html(CorrectionPage({ staff, record, kommuner, values: detailsOf(record) }));
};

const submitCorrection = async ({ event, staff, actor }: Request) => {
  assertSameOrigin(event);
  const id = idOf(event);
  await assertMayManage(deps, id, actor, 'correct');
  const values = formBody(event, handoverLimits.bodyBytes);
  const input = compact({
    ...refugeeDetailsFromForm(values),
    version: Number(one(values, 'version')) || undefined,
  });
  const parsed = handoverCorrectionSchema.safeParse(input);
  if (!parsed.success) {
    const record = await openHandover(deps, id, actor, 'correct');
    return html(
      CorrectionPage({ staff, record, kommuner, values, errors: fieldErrors(parsed.error, input) }),
      400,
    );
  }
  await correctHandover(deps, id, parsed.data, actor);
  return redirect(`${handoverPath(id)}?rettet=1`);
};

const showWithdraw = async ({ event, staff, actor }: Request) => {
  const record = await openHandover(deps, idOf(event), actor, 'withdraw');
  if (record.status === 'withdrawn') return redirect(handoverPath(record.id));
  return html(WithdrawPage({ staff, record }));
};

const submitWithdraw = async ({ event, staff, actor }: Request) => {
  assertSameOrigin(event);
  const id = idOf(event);
  await assertMayManage(deps, id, actor, 'withdraw');
  const values = formBody(event, 2048);
  const parsed = withdrawalSchema.safeParse(
    compact({ requestedVia: one(values, 'requestedVia') || undefined }),
  );
  if (!parsed.success) {
    const record = await openHandover(deps, id, actor, 'withdraw');
    return html(
      WithdrawPage({
        staff,
        record,
        errors: fieldErrors(parsed.error, { requestedVia: values.requestedVia }),
      }),
      400,
    );
  }
  const record = await withdrawConsent(deps, id, parsed.data.requestedVia, actor);
  return html(
    HandoverViewPage({
      staff,
      record,
      kommuneEmail: await kommuneEmailState(record),
      canManage: true,
      notice: 'Samtykket er trukket tilbage, og personoplysningerne er slettet.',
    }),
  );
};

const exportData = async (actor: Actor, id: string) => {
  // The outbox entry is read alongside; it is only used once the export was allowed.
  const { record, audit } = await exportHandover(deps, id, actor);
  return { record, kommuneEmail: await kommuneEmailState(record), audit };
};

const showExport = async ({ event, staff, actor }: Request) => {
  const { record, kommuneEmail, audit } = await exportData(actor, idOf(event));
  return html(ExportPage({ staff, record, kommuneEmail, entries: audit }));
};

const showAudit = async ({ event, staff, actor }: Request) => {
  const { record, audit } = await exportHandover(deps, idOf(event), actor);
  return html(AuditPage({ staff, record, entries: audit }));
};

// --- JSON API ----------------------------------------------------------------------------------

const apiCreate = async ({ event, actor }: Request) => {
  const body = jsonBody(event, handoverLimits.bodyBytes);
  const parsed = handoverSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error, body));
  const result = await recordHandover(deps, parsed.data, actor);
  if (result.kind === 'counted') return json({ counted: true }, 201);
  return json(
    { id: result.record.id, status: result.record.status, created: result.created },
    result.created ? 201 : 200,
  );
};

const apiGet = async ({ event, actor }: Request) => {
  const record = await openHandover(deps, idOf(event), actor);
  return json({ ...record, kommuneEmail: await kommuneEmailState(record) });
};

const apiCorrect = async ({ event, actor }: Request) => {
  await assertMayManage(deps, idOf(event), actor, 'correct');
  const body = jsonBody(event, handoverLimits.bodyBytes);
  const parsed = handoverCorrectionSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error, body));
  return json(await correctHandover(deps, idOf(event), parsed.data, actor));
};

const apiWithdraw = async ({ event, actor }: Request) => {
  await assertMayManage(deps, idOf(event), actor, 'withdraw');
  const body = jsonBody(event, 2048);
  const parsed = withdrawalSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error, body));
  return json(await withdrawConsent(deps, idOf(event), parsed.data.requestedVia, actor));
};

const apiExport = async ({ event, actor }: Request) => {
  const id = idOf(event);
  const { record, kommuneEmail, audit } = await exportData(actor, id);
  return json(
    { exportedAt: deps.now().toISOString(), record, emails: { kommune: kommuneEmail ?? null }, audit },
    200,
    { 'content-disposition': `attachment; filename="venner-indsigt-${id}.json"` },
  );
};

const apiAudit = async ({ event, actor }: Request) =>
  json({ entries: await auditTrail(deps, idOf(event), actor) });

const handlers: Record<string, (request: Request) => Promise<HttpResult>> = {
  [`GET ${handoversPath}`]: showList,
  [`POST ${handoversPath}`]: search,
  [`GET ${handoversPath}/ny`]: showNewForm,
  [`POST ${handoversPath}/ny`]: submitNewForm,
  [`GET ${handoversPath}/talt`]: async ({ staff }) => html(DeclinedCountedPage({ staff })),
  [`GET ${handoversPath}/{id}`]: view,
  [`GET ${handoversPath}/{id}/ret`]: showCorrection,
  [`POST ${handoversPath}/{id}/ret`]: submitCorrection,
  [`GET ${handoversPath}/{id}/tilbagekald`]: showWithdraw,
  [`POST ${handoversPath}/{id}/tilbagekald`]: submitWithdraw,
  [`GET ${handoversPath}/{id}/indsigt`]: showExport,
  [`GET ${handoversPath}/{id}/log`]: showAudit,
  'POST /api/handovers': apiCreate,
  'GET /api/handovers/{id}': apiGet,
  'PATCH /api/handovers/{id}': apiCorrect,
  'POST /api/handovers/{id}/withdrawal': apiWithdraw,
  'GET /api/handovers/{id}/export': apiExport,
  'GET /api/handovers/{id}/audit': apiAudit,
};

export const handler = httpHandler(
  async ({ event, staff }) => {
    if (!staff) throw new UnauthorizedError();
    const handle = handlers[event.routeKey];
    if (!handle) throw new NotFoundError();
    const actor = await actorFor(ports.staff, staff);
    return handle({ event, staff, actor });
  },
  { staffAuth },
);
