import { loadEnv } from '../../shared/env.ts';
import type { Operations } from '../../shared/routes.ts';
import { limits, type VolunteerSignup, volunteerSignupSchema } from '../../shared/volunteer-contract.ts';
import { volunteerPorts } from '../adapters/volunteer-ports.ts';
import { ValidationError } from '../domain/errors.ts';
import { activeGroupsIn } from '../domain/organisations.ts';
import { referenceKommuner } from '../domain/reference-kommuner.ts';
import { confirmSignup, SignupRateLimitedError, signUp } from '../domain/volunteer-signup.ts';
import { clientAddress } from '../http/edge.ts';
import type { ErrorWording } from '../http/error-responses.ts';
import { type HttpEvent, type HttpResult, html, httpHandler, json } from '../http/http-handler.ts';
import { assertSameOrigin, langOf, redirect, sessionCookie } from '../http/http-session.ts';
import { formBody, jsonBody } from '../http/request-body.ts';
import { countEvent } from '../lib/metrics.ts';
import { type Lang, toFieldErrors } from '../web/field-errors.ts';
import type { FormValues } from '../web/form-fields.tsx';
import { withLang } from '../web/lang-path.ts';
import { matchQuestions, type SignupGroup, SignupPage, signupPath } from '../web/signup-page.tsx';
import { compact, signupFromForm } from '../web/volunteer-form.ts';
import {
  LinkProblemPage,
  managePath,
  ThanksPage,
  TokenButtonPage,
  volunteerSessionCookie,
} from '../web/volunteer-pages.tsx';

const env = loadEnv('volunteer-signup');
const ports = volunteerPorts(env);

/** A person needs more than this to fill in the form; a bot posting at once does not. */
const minimumFillMs = 3_000;

const rateLimitMessage: Record<Lang, string> = {
  da: 'Der er sendt mange tilmeldinger fra din forbindelse på kort tid. Vent lidt, og prøv igen.',
  en: 'Many sign-ups were sent from your connection in a short time. Please wait a little and try again.',
};

/** A client over its limit is answered (429) in the person's language. */
const wording: ErrorWording = [[SignupRateLimitedError, (_error, event) => rateLimitMessage[langOf(event)]]];

const signUpFrom = async (event: HttpEvent, input: VolunteerSignup) => {
  const result = await signUp(ports, input, clientAddress(event));
  countEvent('SignUps');
  return result;
};

const signupForm = async (
  lang: Lang,
  values: FormValues,
  errors: ValidationError['errors'] = [],
  status = 200,
  step: 1 | 2 = 1,
): Promise<HttpResult> => {
  const groups = step === 2 ? await groupsFor(values.kommuneCode) : [];
  // The first showing's time travels with the form through both steps (the bot check below).
  const shown = Number(values.renderedAt);
  const renderedAt = Number.isFinite(shown) && shown > 0 ? shown : ports.now().getTime();
  return html(
    SignupPage({ lang, kommuner: referenceKommuner(), values, errors, renderedAt, step, groups }),
    status,
  );
};

/** Step 2 offers the active local groups covering the kommune chosen in step 1. */
const groupsFor = async (kommuneCode: unknown): Promise<SignupGroup[]> => {
  if (typeof kommuneCode !== 'string') return [];
  const { organisations, groups } = await ports.groups.all();
  return activeGroupsIn(groups, kommuneCode).map((g) => ({
    id: g.id,
    name: g.name,
    organisation: organisations.find((o) => o.id === g.organisationId)?.name ?? g.organisationId,
    offers: g.offers,
  }));
};

const isMatchQuestion = (field: string) => (matchQuestions as readonly string[]).includes(field);

const showForm = async (event: HttpEvent): Promise<HttpResult> => {
  const query = event.queryStringParameters ?? {};
  const preselected = referenceKommuner().some((k) => k.code === query.kommune) ? query.kommune : undefined;
  return signupForm(langOf(event), {
    kommuneCode: preselected,
    capacity: '1',
    utmSource: query.utm_source?.slice(0, 100),
    utmCampaign: query.utm_campaign?.slice(0, 100),
  });
};

/**
 * The form in two steps, without JavaScript: step 1 asks what decides a match and is checked on its
 * own; step 2 carries those answers as hidden fields, asks the rest and the consent, and signs up.
 * Nothing is stored before step 2 is sent. A post without a step (an older form) is a whole sign-up.
 */
const submitForm = async (event: HttpEvent): Promise<HttpResult> => {
  const lang = langOf(event);
  assertSameOrigin(event);
  const values = formBody(event, limits.bodyBytes, lang);
  const thanks = redirect(withLang(`${signupPath}/tak`, lang));
  if (values.back) return signupForm(lang, values, [], 200, 1);
  const parsed = volunteerSignupSchema.safeParse(compact(signupFromForm(values)));
  const errors = parsed.success ? [] : toFieldErrors(parsed.error, values, lang);
  const firstStepErrors = errors.filter((error) => isMatchQuestion(error.field));
  if (firstStepErrors.length) return signupForm(lang, values, firstStepErrors, 400, 1);
  // A filled honeypot at the first step is a bot: the same answer as a person, nothing more asked.
  if (values.step === '1' && values.website) return thanks;
  if (values.step === '1') return signupForm(lang, { capacity: '1', ...values }, [], 200, 2);
  if (!parsed.success) return signupForm(lang, values, errors, 400, 2);
  // Bots: a filled honeypot, or a complete form sent faster than a person can fill it in. They get the
  // same answer as a person and nothing is stored. (Errors are shown first: nothing is stored for them anyway.)
  const renderedAt = Number(values.renderedAt);
  if (values.website || !Number.isFinite(renderedAt) || ports.now().getTime() - renderedAt < minimumFillMs)
    return thanks;
  try {
    await signUpFrom(event, parsed.data);
  } catch (error) {
    // A group that stopped covering the kommune between the steps: chosen again on step 2.
    if (error instanceof ValidationError) return signupForm(lang, values, [...(error.errors ?? [])], 400, 2);
    throw error;
  }
  return thanks;
};

const submitJson = async (event: HttpEvent): Promise<HttpResult> => {
  const body = jsonBody(event, limits.bodyBytes);
  const parsed = volunteerSignupSchema.safeParse(body);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error, body));
  return json(await signUpFrom(event, parsed.data), 201);
};

const showConfirm = async (event: HttpEvent): Promise<HttpResult> => {
  const lang = langOf(event);
  const token = event.queryStringParameters?.token ?? '';
  return html(
    TokenButtonPage({
      lang,
      title: lang === 'da' ? 'Bekræft din tilmelding' : 'Confirm your sign-up',
      lead:
        lang === 'da'
          ? 'Tryk på knappen for at bekræfte, at du vil være frivillig ven.'
          : 'Press the button to confirm that you want to be a volunteer friend.',
      action: `${signupPath}/bekraeft`,
      token,
      button: lang === 'da' ? 'Bekræft min tilmelding' : 'Confirm my sign-up',
    }),
  );
};

const confirm = async (event: HttpEvent): Promise<HttpResult> => {
  const lang = langOf(event);
  assertSameOrigin(event);
  const values = formBody(event, 1024, lang);
  const confirmed = await confirmSignup(ports, values.token);
  if (!confirmed) return html(LinkProblemPage({ lang }), 400);
  countEvent('Confirmations');
  return redirect(withLang(managePath, lang, 'bekraeftet=1'), [
    sessionCookie(volunteerSessionCookie, confirmed.session, 3600, managePath),
  ]);
};

const operations = {
  form: showForm,
  signUp: submitForm,
  thanks: async (event) => html(ThanksPage({ lang: langOf(event) })),
  confirmLink: showConfirm,
  confirm,
  apiSignUp: submitJson,
} satisfies Operations<'volunteer-signup', HttpEvent, HttpResult>;

export const handler = httpHandler(
  'volunteer-signup',
  ({ event, operation }) => operations[operation](event),
  { wording },
);
