import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { loadEnv } from '../../shared/env.ts';
import {
  handoverCorrectionSchema,
  handoverLimits,
  handoverSchema,
  handoverStatuses,
  withdrawalSchema,
} from '../../shared/handover-contract.ts';
import type { Operations } from '../../shared/routes.ts';
import { handoverPorts } from '../adapters/handover-ports.ts';
import { listPorts } from '../adapters/list-ports.ts';
import { correctHandover } from '../domain/correct-handover.ts';
import { ValidationError } from '../domain/errors.ts';
import {
  type Actor,
  AlreadyWithdrawnError,
  actorOf,
  canManage,
  type HandoverRecord,
  kommuneEmailFor,
  kommuneRecipientsOf,
  parseRecordId,
} from '../domain/handover.ts';
import { assertMayManage, auditTrail, exportHandover, openHandover } from '../domain/handover-reads.ts';
import { defaultPageSize, pageSizeOf } from '../domain/paging.ts';
import { recordHandover } from '../domain/record-handover.ts';
import { isKommuneCode, referenceKommuner } from '../domain/reference-kommuner.ts';
import { type HandoverFilter, handoverPage, searchHandovers } from '../domain/staff-lists.ts';
import { withdrawConsent } from '../domain/withdraw-consent.ts';
import { UnauthorizedError } from '../http/errors.ts';
import { type HttpEvent, type HttpResult, html, httpHandler, json } from '../http/http-handler.ts';
import { assertSameOrigin, queryParameter, redirect } from '../http/http-session.ts';
import { formBody, jsonBody } from '../http/request-body.ts';
import { staffAuthFrom } from '../http/staff-auth.ts';
import { countEvent } from '../lib/metrics.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import { toFieldErrors } from '../web/field-errors.ts';
import type { FormValues } from '../web/form-fields.tsx';
import { text } from '../web/form-values.ts';
import { formValuesOf, handoverFromForm, refugeeDetailsFromForm } from '../web/handover-form.ts';
import { CorrectionPage, DeclinedCountedPage, HandoverFormPage } from '../web/handover-form-pages.tsx';
import { handoverPath, handoversPath } from '../web/handover-paths.ts';
import {
  AuditPage,
  ExportPage,
  HandoverListPage,
  HandoverViewPage,
  WithdrawPage,
} from '../web/handover-record-pages.tsx';
import { handoverFieldTexts } from '../web/handover-texts.ts';
import { compact } from '../web/volunteer-form.ts';

const env = loadEnv('handovers');
const staffAuth = staffAuthFrom(env);
const ports = handoverPorts(env);
const { deps } = ports;
const listDeps = listPorts(env);

/** The list's filters from the query (anything unknown is no filter). */
const handoverFilterOf = (event: HttpEvent): HandoverFilter => {
  const status = queryParameter(event, 'status');
  const kommune = queryParameter(event, 'kommune');
  return {
    status: handoverStatuses.find((s) => s === status),
    kommuneCode: kommune && isKommuneCode(kommune) ? kommune : undefined,
  };
};

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

/** `input` as `schema` reads it, or a ValidationError in the handover form's words. */
const parsedWith = <T>(schema: z.ZodType<T>, input: unknown): T => {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error, input));
  return parsed.data;
};

// --- One path from the input to the use case, shared by each form and its JSON twin -----------

const record = async (actor: Actor, input: unknown) => {
  const handover = parsedWith(handoverSchema, input);
  const result = await recordHandover(deps, handover, actor);
  countEvent(handover.wantsContact ? 'HandoversConsented' : 'HandoversDeclined');
  return result;
};

/** The scope is checked before the input is read: a bad request teaches nothing about other records. */
const correct = async (actor: Actor, id: string, input: () => unknown) => {
  await assertMayManage(deps, id, actor, 'correct');
  return correctHandover(deps, id, parsedWith(handoverCorrectionSchema, input()), actor);
};

const withdraw = async (actor: Actor, id: string, input: () => unknown) => {
  await assertMayManage(deps, id, actor, 'withdraw');
  return withdrawConsent(deps, id, parsedWith(withdrawalSchema, input()).requestedVia, actor);
};

/** A form's invalid input shows the form again (400) with the errors; anything else goes on. */
const orForm = async (
  attempt: () => Promise<HttpResult>,
  form: (errors: ValidationError['errors']) => Promise<HttpResult>,
): Promise<HttpResult> => {
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { ...(await form(error.errors)), statusCode: 400 };
  }
};

const exportData = async (actor: Actor, id: string) => {
  // The outbox entry is read alongside; it is only used once the export was allowed.
  const { record, audit } = await exportHandover(deps, id, actor);
  return { record, kommuneEmail: await kommuneEmailState(record), audit };
};

const detailsOf = (record: HandoverRecord): FormValues => ({
  ...formValuesOf({ ...record.person, receivingKommune: record.kommuneCode }),
  version: String(record.version),
});

const viewPage = async (staff: StaffContext, actor: Actor, record: HandoverRecord, notice?: string) =>
  html(
    HandoverViewPage({
      staff,
      record,
      kommuneEmail: await kommuneEmailState(record),
      canManage: canManage(actor, record, 'withdraw'),
      notice,
    }),
  );

const listPage = async ({ event, staff, actor }: Request) => {
  const filter = handoverFilterOf(event);
  const size = pageSizeOf(queryParameter(event, 'antal'));
  const page = await handoverPage(listDeps, actor, { size, cursor: queryParameter(event, 'side') }, filter);
  return html(HandoverListPage({ staff, view: { filter, size, page, kommuner: referenceKommuner() } }));
};

// --- Operations: the pages, then the JSON API ----------------------------------------------------

const operations = {
  list: listPage,

  /** Search is a POST so that names never end up in a URL (and so in no access log or history). */
  search: async ({ event, staff, actor }) => {
    assertSameOrigin(event);
    const q = one(formBody(event, 2048), 'q').slice(0, 100);
    if (!q.trim()) return listPage({ event, staff, actor });
    const found = await searchHandovers(listDeps, actor, q);
    return html(
      HandoverListPage({
        staff,
        view: { filter: {}, size: defaultPageSize, found, search: q, kommuner: referenceKommuner() },
      }),
    );
  },

  newForm: async ({ staff }) =>
    html(
      HandoverFormPage({
        staff,
        kommuner: referenceKommuner(),
        values: {
          submissionKey: randomUUID(),
          centreId: staff.centres.length === 1 ? staff.centres[0] : undefined,
          preferredVolunteerGender: 'any',
          noticeVersion: undefined,
        },
      }),
    ),

  record: async ({ event, staff, actor }) => {
    assertSameOrigin(event);
    const values = formBody(event, handoverLimits.bodyBytes);
    return orForm(
      async () => {
        const result = await record(actor, compact(handoverFromForm(values)));
        if (result.kind === 'counted') return redirect(`${handoversPath}/talt`);
        return redirect(`${handoverPath(result.record.id)}?gemt=1`);
      },
      async (errors) => html(HandoverFormPage({ staff, kommuner: referenceKommuner(), values, errors })),
    );
  },

  declinedCounted: async ({ staff }) => html(DeclinedCountedPage({ staff })),

  view: async ({ event, staff, actor }) => {
    const query = event.queryStringParameters;
    const notice = query?.gemt ? 'Overdragelsen er gemt.' : query?.rettet ? 'Rettelsen er gemt.' : undefined;
    return viewPage(staff, actor, await openHandover(deps, idOf(event), actor), notice);
  },

  correctionForm: async ({ event, staff, actor }) => {
    const found = await openHandover(deps, idOf(event), actor, 'correct');
    if (!found.person) throw new AlreadyWithdrawnError();
    return html(
      CorrectionPage({ staff, record: found, kommuner: referenceKommuner(), values: detailsOf(found) }),
    );
  },

  correct: async ({ event, staff, actor }) => {
    assertSameOrigin(event);
    const id = idOf(event);
    let values: FormValues = {};
    return orForm(
      async () => {
        await correct(actor, id, () => {
          values = formBody(event, handoverLimits.bodyBytes);
          return compact({
            ...refugeeDetailsFromForm(values),
            version: Number(one(values, 'version')) || undefined,
          });
        });
        return redirect(`${handoverPath(id)}?rettet=1`);
      },
      async (errors) =>
        html(
          CorrectionPage({
            staff,
            record: await openHandover(deps, id, actor, 'correct'),
            kommuner: referenceKommuner(),
            values,
            errors,
          }),
        ),
    );
  },

  withdrawalForm: async ({ event, staff, actor }) => {
    const found = await openHandover(deps, idOf(event), actor, 'withdraw');
    if (found.status === 'withdrawn') return redirect(handoverPath(found.id));
    return html(WithdrawPage({ staff, record: found }));
  },

  withdraw: async ({ event, staff, actor }) => {
    assertSameOrigin(event);
    const id = idOf(event);
    return orForm(
      async () => {
        const withdrawn = await withdraw(actor, id, () =>
          compact({ requestedVia: one(formBody(event, 2048), 'requestedVia') || undefined }),
        );
        return viewPage(
          staff,
          actor,
          withdrawn,
          'Samtykket er trukket tilbage, og personoplysningerne er slettet.',
        );
      },
      async (errors) =>
        html(WithdrawPage({ staff, record: await openHandover(deps, id, actor, 'withdraw'), errors })),
    );
  },

  export: async ({ event, staff, actor }) => {
    const { record: found, kommuneEmail, audit } = await exportData(actor, idOf(event));
    return html(ExportPage({ staff, record: found, kommuneEmail, entries: audit }));
  },

  auditTrail: async ({ event, staff, actor }) => {
    const { record: found, audit } = await exportHandover(deps, idOf(event), actor);
    return html(AuditPage({ staff, record: found, entries: audit }));
  },

  apiRecord: async ({ event, actor }) => {
    const result = await record(actor, jsonBody(event, handoverLimits.bodyBytes));
    if (result.kind === 'counted') return json({ counted: true }, 201);
    return json(
      { id: result.record.id, status: result.record.status, created: result.created },
      result.created ? 201 : 200,
    );
  },

  apiView: async ({ event, actor }) => {
    const found = await openHandover(deps, idOf(event), actor);
    return json({ ...found, kommuneEmail: await kommuneEmailState(found) });
  },

  apiCorrect: async ({ event, actor }) =>
    json(await correct(actor, idOf(event), () => jsonBody(event, handoverLimits.bodyBytes))),

  apiWithdraw: async ({ event, actor }) =>
    json(await withdraw(actor, idOf(event), () => jsonBody(event, 2048))),

  apiExport: async ({ event, actor }) => {
    const id = idOf(event);
    const { record: found, kommuneEmail, audit } = await exportData(actor, id);
    return json(
      {
        exportedAt: deps.now().toISOString(),
        record: found,
        emails: { kommune: kommuneEmail ?? null },
        audit,
      },
      200,
      { 'content-disposition': `attachment; filename="venner-indsigt-${id}.json"` },
    );
  },

  apiAuditTrail: async ({ event, actor }) => json({ entries: await auditTrail(deps, idOf(event), actor) }),
} satisfies Operations<'handovers', Request, HttpResult>;

export const handler = httpHandler(
  'handovers',
  async ({ event, staff, operation }) => {
    if (!staff) throw new UnauthorizedError();
    return operations[operation]({ event, staff, actor: actorOf(staff) });
  },
  { staffAuth },
);
