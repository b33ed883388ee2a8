import { loadEnv } from '../../shared/env.ts';
import { concernSchema } from '../../shared/matching-contract.ts';
import type { Operations } from '../../shared/routes.ts';
import { emailAddressSchema, limits, volunteerDetailsSchema } from '../../shared/volunteer-contract.ts';
import { selfServicePorts } from '../adapters/volunteer-ports.ts';
import { copenhagenDate } from '../domain/danish-time.ts';
import type { FieldError } from '../domain/errors.ts';
import { raiseConcern, recordMeeting } from '../domain/match-support.ts';
import { referenceKommuner } from '../domain/reference-kommuner.ts';
import { pauseEnd, pauseLengths, type SelfServiceAction, type Volunteer } from '../domain/volunteer.ts';
import { acceptDeclaration } from '../domain/volunteer-screening.ts';
import {
  changeDetails,
  leaveAndErase,
  openSession,
  performAction,
  requestManageLink,
  unsubscribe,
  volunteerForSession,
} from '../domain/volunteer-self-service.ts';
import { clientAddress } from '../http/edge.ts';
import { NotFoundError, TooManyRequestsError } from '../http/errors.ts';
import { type HttpEvent, type HttpResult, html, httpHandler } from '../http/http-handler.ts';
import {
  assertSameOrigin,
  clearCookie,
  langOf,
  readCookie,
  redirect,
  sessionCookie,
} from '../http/http-session.ts';
import { formBody } from '../http/request-body.ts';
import { type Lang, toFieldErrors } from '../web/field-errors.ts';
import type { FormValues } from '../web/form-fields.tsx';
import { withLang } from '../web/lang-path.ts';
import { compact, detailsFromForm } from '../web/volunteer-form.ts';
import {
  confirmationNotice,
  ErasedPage,
  LinkProblemPage,
  LinkSentPage,
  ManagePage,
  managePath,
  RequestLinkPage,
  TokenButtonPage,
  UnsubscribedPage,
  volunteerSessionCookie,
} from '../web/volunteer-pages.tsx';

const env = loadEnv('volunteer-self-service');
const ports = selfServicePorts(env);

/** The form values that show a volunteer's current details. */
const valuesOf = (v: Volunteer): FormValues => ({
  name: v.name,
  phone: v.phone,
  kommuneCode: v.kommuneCode,
  postalCode: v.postalCode,
  kind: v.kind,
  adults: v.adults?.toString(),
  children: v.children?.toString(),
  languages: [...v.languages],
  otherLanguages: v.otherLanguages,
  gender: v.gender,
  ageRange: v.ageRange,
  helpWith: [...v.helpWith],
  meetingFrequency: v.meetingFrequency,
  capacity: String(v.capacity),
  arrivalAlerts: v.arrivalAlerts === false ? 'no' : 'yes',
  organisation: v.organisation,
  organisationName: v.organisationName,
  language: v.language,
});

/** The details whose change the confirmation names, in the page's words. */
const changedFields = (before: Volunteer, after: Volunteer): string[] =>
  (Object.keys(valuesOf(before)) as (keyof FormValues)[]).filter(
    (key) => JSON.stringify(valuesOf(before)[key]) !== JSON.stringify(valuesOf(after)[key]),
  ) as string[];

/** Their active and paused friendships (none asked for while they have no place taken). */
const friendshipsOf = async (volunteer: Volunteer) =>
  volunteer.activeMatches > 0
    ? (await ports.matches.listByVolunteer(volunteer.id)).filter(
        (m) => m.status === 'active' || m.status === 'paused',
      )
    : [];

const managePage = async (
  lang: Lang,
  volunteer: Volunteer,
  values: FormValues,
  errors: readonly FieldError[] = [],
  status = 200,
  notice?: string,
) =>
  html(
    ManagePage({
      lang,
      volunteer,
      kommuner: referenceKommuner(),
      values,
      errors,
      notice,
      friendships: await friendshipsOf(volunteer),
      group: volunteer.groupId ? (await ports.groups.groups([volunteer.groupId]))[0] : undefined,
      today: copenhagenDate(ports.now()),
    }),
    status,
  );

const currentVolunteer = (event: HttpEvent) =>
  volunteerForSession(ports, readCookie(event, volunteerSessionCookie));

const show = async (event: HttpEvent): Promise<HttpResult> => {
  const lang = langOf(event);
  const volunteer = await currentVolunteer(event);
  if (!volunteer) return html(RequestLinkPage({ lang, values: {}, errors: [] }));
  const query = event.queryStringParameters ?? {};
  const notice = query.bekraeftet
    ? confirmationNotice('confirmed', volunteer, lang)
    : query.gemt
      ? confirmationNotice(query.gemt, volunteer, lang, query.felter?.split(',').filter(Boolean))
      : undefined;
  return managePage(lang, volunteer, valuesOf(volunteer), [], 200, notice);
};

const actions = new Set<SelfServiceAction>([
  'pause',
  'resume',
  'ready',
  'not-ready',
  'stop-emails',
  'resume-emails',
]);

const change = async (event: HttpEvent): Promise<HttpResult> => {
  const lang = langOf(event);
  assertSameOrigin(event);
  const volunteer = await currentVolunteer(event);
  if (!volunteer) return redirect(withLang(managePath, lang));
  const values = formBody(event, limits.bodyBytes, lang);
  const action = values.action;
  if (action === 'update') {
    const parsed = volunteerDetailsSchema.safeParse(compact(detailsFromForm(values)));
    if (!parsed.success)
      return managePage(lang, volunteer, values, toFieldErrors(parsed.error, values, lang), 400);
    const updated = await changeDetails(ports, volunteer, parsed.data);
    const fields = changedFields(volunteer, updated).join(',');
    return redirect(withLang(managePath, updated.language, `gemt=update&felter=${fields}`));
  }
  if (action === 'delete') {
    if (values.confirmDelete !== 'yes') {
      const errors = [
        {
          field: 'confirmDelete',
          message:
            lang === 'da'
              ? 'Sæt kryds for at bekræfte, at dine oplysninger skal slettes.'
              : 'Tick the box to confirm that your details are to be deleted.',
        },
      ];
      return managePage(lang, volunteer, valuesOf(volunteer), errors, 400);
    }
    await leaveAndErase(ports, volunteer, readCookie(event, volunteerSessionCookie) ?? '');
    return redirect(withLang(`${managePath}/slettet`, lang), [
      clearCookie(volunteerSessionCookie, managePath),
    ]);
  }
  if (action === 'accept-declaration') {
    await ports.volunteers.save(volunteer, acceptDeclaration(volunteer, ports.now()));
    return redirect(withLang(managePath, lang, 'gemt=declaration'));
  }
  if (action === 'meeting' || action === 'concern') {
    const matchId = typeof values.match === 'string' ? values.match : '';
    const mine = (await friendshipsOf(volunteer)).some((m) => m.id === matchId);
    if (!mine)
      throw new NotFoundError(lang === 'da' ? 'Venskabet findes ikke.' : 'That friendship does not exist.');
    if (action === 'meeting') {
      const result = await recordMeeting(ports, matchId, volunteer.id);
      return redirect(
        withLang(managePath, lang, `gemt=${result === 'already-recorded' ? 'meeting-already' : 'meeting'}`),
      );
    }
    const note = concernSchema.safeParse({ note: typeof values.note === 'string' ? values.note : '' });
    if (!note.success) {
      const errors = [
        {
          field: 'note',
          message:
            lang === 'da'
              ? 'Skriv, hvad du er bekymret for (højst 500 tegn).'
              : 'Write what worries you (at most 500 characters).',
        },
      ];
      return managePage(lang, volunteer, valuesOf(volunteer), errors, 400);
    }
    await raiseConcern(ports, { volunteerId: volunteer.id }, matchId, note.data.note);
    return redirect(withLang(managePath, lang, 'gemt=concern'));
  }
  if (typeof action === 'string' && actions.has(action as SelfServiceAction)) {
    const length = pauseLengths.find((l) => l === values.pauseLength) ?? '1-month';
    const until = action === 'pause' ? pauseEnd(copenhagenDate(ports.now()), length) : undefined;
    await performAction(ports, volunteer, action as SelfServiceAction, until);
    return redirect(withLang(managePath, lang, `gemt=${action}`));
  }
  throw new NotFoundError(lang === 'da' ? 'Den handling findes ikke.' : 'That action does not exist.');
};

const sendLink = async (event: HttpEvent): Promise<HttpResult> => {
  const lang = langOf(event);
  assertSameOrigin(event);
  const outcome = await ports.rateLimiter.hit('send-link', clientAddress(event), ports.now());
  if (!outcome.allowed) {
    throw new TooManyRequestsError(
      outcome.retryAfterSeconds,
      lang === 'da'
        ? 'Der er sendt mange forespørgsler på kort tid. Vent lidt, og prøv igen.'
        : 'Many requests were sent in a short time. Please wait a little and try again.',
    );
  }
  const values = formBody(event, 2048, lang);
  const email = emailAddressSchema.safeParse(values.email);
  if (!email.success) {
    const errors = [
      {
        field: 'email',
        message:
          lang === 'da'
            ? 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.'
            : 'Enter a valid email address, e.g. name@example.com.',
      },
    ];
    return html(RequestLinkPage({ lang, values, errors }), 400);
  }
  await requestManageLink(ports, email.data);
  return redirect(withLang(`${managePath}/link-sendt`, lang));
};

const tokenPage = (event: HttpEvent, kind: 'sign-in' | 'unsubscribe'): HttpResult => {
  const lang = langOf(event);
  const token = event.queryStringParameters?.token ?? '';
  const da = lang === 'da';
  return html(
    kind === 'sign-in'
      ? TokenButtonPage({
          lang,
          title: da ? 'Åbn din tilmelding' : 'Open your sign-up',
          lead: da
            ? 'Tryk på knappen for at se og ændre din tilmelding.'
            : 'Press the button to see and change your sign-up.',
          action: `${managePath}/log-ind`,
          token,
          button: da ? 'Åbn min tilmelding' : 'Open my sign-up',
        })
      : TokenButtonPage({
          lang,
          title: da ? 'Afmeld e-mails' : 'Unsubscribe',
          lead: da
            ? 'Tryk på knappen, så sender vi dig ikke flere e-mails.'
            : 'Press the button and we will not send you more emails.',
          action: '/afmeld',
          token,
          button: da ? 'Afmeld alle e-mails' : 'Unsubscribe from all emails',
        }),
  );
};

const signIn = async (event: HttpEvent): Promise<HttpResult> => {
  const lang = langOf(event);
  assertSameOrigin(event);
  const values = formBody(event, 1024, lang);
  const session = await openSession(ports, values.token);
  if (!session) return html(LinkProblemPage({ lang }), 400);
  return redirect(withLang(managePath, lang), [
    sessionCookie(volunteerSessionCookie, session, 3600, managePath),
  ]);
};

/** Both the page's button and mail clients' one-click unsubscribe (RFC 8058, token in the URL) post here. */
const unsubscribeNow = async (event: HttpEvent): Promise<HttpResult> => {
  const lang = langOf(event);
  const values = formBody(event, 1024, lang);
  const token = event.queryStringParameters?.token ?? values.token;
  if (!(await unsubscribe(ports, token))) return html(LinkProblemPage({ lang }), 400);
  return html(UnsubscribedPage({ lang }));
};

const operations = {
  ownPage: show,
  change,
  sendLink,
  linkSent: async (event) => html(LinkSentPage({ lang: langOf(event) })),
  signInLink: async (event) => tokenPage(event, 'sign-in'),
  signIn,
  erased: async (event) => html(ErasedPage({ lang: langOf(event) })),
  unsubscribeLink: async (event) => tokenPage(event, 'unsubscribe'),
  unsubscribe: unsubscribeNow,
} satisfies Operations<'volunteer-self-service', HttpEvent, HttpResult>;

export const handler = httpHandler('volunteer-self-service', ({ event, operation }) =>
  operations[operation](event),
);
