import * as z from 'zod';
import { loadEnv } from '../../shared/env.ts';
import { lazy } from '../../shared/lazy.ts';
import { localGroupInputSchema, organisationInputSchema } from '../../shared/organisations-contract.ts';
import { roles, staffNameSchema } from '../../shared/roles.ts';
import type { Operations } from '../../shared/routes.ts';
import { emailAddressSchema } from '../../shared/volunteer-contract.ts';
import { administrationPorts } from '../adapters/administration-ports.ts';
import { kommuneNeighbours } from '../adapters/kommune-neighbours.ts';
import { activationList } from '../domain/activation.ts';
import {
  type AccountChange,
  AdministrationError,
  accountChanges,
  activateGroupLogged,
  addDigestContact,
  changeStaffAccount,
  changeStaffScope,
  createStaffUser,
  removeDigestContact,
  type StaffUserInput,
  saveGroupLogged,
  saveOrganisationLogged,
  setQuietDigest,
} from '../domain/administration.ts';
import { DomainError, type FieldError, ValidationError } from '../domain/errors.ts';
import { actorOf } from '../domain/handover.ts';
import { quietDigestOptions } from '../domain/kommune-digest.ts';
import { isKommuneCode, kommunerByName } from '../domain/reference-kommuner.ts';
import { NotFoundError, UnauthorizedError } from '../http/errors.ts';
import { type HttpEvent, type HttpResult, html, httpHandler } from '../http/http-handler.ts';
import { assertSameOrigin, queryParameter, redirect } from '../http/http-session.ts';
import { formBody } from '../http/request-body.ts';
import { staffAuthFrom } from '../http/staff-auth.ts';
import type { StaffContext } from '../lib/staff-context.ts';
import {
  AdministrationPage,
  administrationPath,
  type StaffFormValues,
  StaffUserPage,
  staffUserPath,
} from '../web/administration-pages.tsx';
import type { FormValues } from '../web/form-fields.tsx';
import { text } from '../web/form-values.ts';
import {
  ActivationPage,
  activationPath,
  GroupPage,
  OrganisationsPage,
  organisationsPath,
} from '../web/organisation-pages.tsx';

const env = loadEnv('administration');
const staffAuth = staffAuthFrom(env);
const deps = administrationPorts(env);
const kommuner = lazy(kommunerByName);

interface Request {
  readonly event: HttpEvent;
  readonly staff: StaffContext;
}

const many = (values: FormValues, name: string): string[] => {
  const value = values[name];
  return value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
};

/** The role-and-scope form, read into the use case's input and the values to show again. */
const staffInputOf = (values: FormValues, email: string, knownGroups: readonly string[]) => {
  const shown: StaffFormValues = {
    email,
    name: text(values.name),
    role: roles.find((r) => r === text(values.role)),
    centres: many(values, 'centre'),
    kommuner: many(values, 'kommune').filter(isKommuneCode),
    groups: many(values, 'group').filter((g) => knownGroups.includes(g)),
  };
  const errors: FieldError[] = [];
  if (!shown.role) errors.push({ field: 'role', message: 'Vælg en rolle.' });
  if (shown.role === 'caseworker' && shown.centres?.length === 0)
    errors.push({ field: 'centre', message: 'En sagsbehandler skal have mindst ét asylcenter.' });
  if (shown.role === 'coordinator' && shown.kommuner?.length === 0 && shown.groups?.length === 0)
    errors.push({
      field: 'kommune',
      message: 'En koordinator skal have mindst én lokal gruppe eller kommune.',
    });
  if (shown.name !== undefined && !staffNameSchema.safeParse(shown.name).success)
    errors.push({
      field: 'name',
      message: 'Skriv det fulde navn (højst 100 tegn), eller lad feltet stå tomt.',
    });
  const input: StaffUserInput | undefined =
    errors.length === 0 && shown.role
      ? {
          email,
          name: shown.name,
          role: shown.role,
          // Only the scope the role uses: a coordinator has no centres.
          centres: shown.role === 'caseworker' ? (shown.centres ?? []) : [],
          kommuner: shown.role === 'coordinator' ? (shown.kommuner ?? []) : [],
          groups: shown.role === 'coordinator' ? (shown.groups ?? []) : [],
        }
      : undefined;
  return { shown, errors, input };
};

const overviewPage = async (
  staff: StaffContext,
  extra: { values?: StaffFormValues; errors?: FieldError[]; notice?: string } = {},
  status = 200,
) => {
  const [users, contacts, changes, { groups }] = await Promise.all([
    deps.staff.list(),
    deps.contacts.listDigestContacts(),
    deps.log.recent(20),
    deps.organisations.all(),
  ]);
  return html(
    AdministrationPage({ staff, users, contacts, changes, groups, kommuner: kommuner(), ...extra }),
    status,
  );
};

const notices: Record<string, string> = {
  oprettet: 'Medarbejderen er oprettet og har fået en invitation på e-mail.',
  opdateret: 'Rolle og omfang er gemt. Det gælder fra næste login.',
  tilfoejet: 'Modtageren er tilføjet.',
  fjernet: 'Modtageren er fjernet.',
  gemt: 'Indstillingen er gemt.',
  slettet: 'Medarbejderen er slettet. Navnet står stadig i logs over det, de har gjort.',
};

/** A notice named in the query, only if it is one of ours (never a prototype's property). */
const messageOf = (messages: Record<string, string>, key: string | undefined) =>
  key && Object.hasOwn(messages, key) ? messages[key] : undefined;

const allGroups = async () => (await deps.organisations.all()).groups;

const userOf = async (username: string) => {
  const user = (await deps.staff.list()).find((u) => u.username === username);
  if (!user) throw new NotFoundError('Medarbejderen findes ikke.');
  return user;
};

const changeNotices: Record<AccountChange | 'scope', string> = {
  scope: 'Rolle og omfang er gemt. Det gælder fra næste login.',
  disable: 'Medarbejderen er deaktiveret og logget ud alle steder.',
  enable: 'Medarbejderen er aktiveret igen og kan logge ind.',
  'reset-mfa': 'Godkendelsesappen er nulstillet: medarbejderen opsætter en ny ved næste login.',
  resend: 'En ny invitation er sendt.',
  remove: 'Medarbejderen er slettet.',
};

const emailSchema = lazy(() => z.string().trim().toLowerCase().pipe(emailAddressSchema));

const operations = {
  overview: async ({ event, staff }: Request) =>
    overviewPage(staff, { notice: messageOf(notices, queryParameter(event, 'besked')) }),

  createStaff: async ({ event, staff }: Request) => {
    assertSameOrigin(event);
    const values = formBody(event, 8192);
    const email = emailSchema().safeParse(text(values.email) ?? '');
    const { shown, errors, input } = staffInputOf(
      values,
      email.success ? email.data : (text(values.email) ?? ''),
      (await allGroups()).map((g) => g.id),
    );
    if (!email.success)
      errors.unshift({ field: 'email', message: 'Skriv en gyldig arbejdsmail, fx navn@kommune.dk.' });
    if (!input || !email.success) return overviewPage(staff, { values: shown, errors }, 400);
    try {
      const result = await createStaffUser(deps, actorOf(staff), input);
      if (result.temporaryPassword)
        return overviewPage(staff, {
          notice: `${input.email} er oprettet. Her kan ingen få en e-mail: giv dem den midlertidige adgangskode ${result.temporaryPassword} (den skal skiftes ved første login).`,
        });
      return redirect(`${administrationPath}?besked=${result.created ? 'oprettet' : 'opdateret'}`);
    } catch (error) {
      if (error instanceof AdministrationError)
        return overviewPage(
          staff,
          { values: shown, errors: [{ field: 'email', message: error.message }] },
          400,
        );
      throw error;
    }
  },

  staffUser: async ({ event, staff }: Request) => {
    const user = await userOf(event.pathParameters?.id ?? '');
    return html(
      StaffUserPage({
        staff,
        user,
        groups: await allGroups(),
        kommuner: kommuner(),
        notice: messageOf(changeNotices, queryParameter(event, 'gjort')),
      }),
    );
  },

  changeStaff: async ({ event, staff }: Request) => {
    assertSameOrigin(event);
    const user = await userOf(event.pathParameters?.id ?? '');
    const values = formBody(event, 8192);
    const action = text(values.action);
    const actor = actorOf(staff);
    const groups = await allGroups();
    const refused = (message: string) =>
      html(
        StaffUserPage({ staff, user, groups, kommuner: kommuner(), errors: [{ field: 'action', message }] }),
        400,
      );
    // Cognito's username, not the e-mail: on AWS staff sign in by e-mail and the username is an id.
    const self = user.username === staff.username;
    const otherAdmins = async () =>
      (await deps.staff.list()).filter(
        (u) => u.enabled && u.roles.includes('admin') && u.username !== user.username,
      ).length;
    if (action === 'scope') {
      const { shown, errors, input } = staffInputOf(
        values,
        user.email,
        groups.map((g) => g.id),
      );
      if (!input)
        return html(StaffUserPage({ staff, user, groups, kommuner: kommuner(), values: shown, errors }), 400);
      if (user.roles.includes('admin') && input.role !== 'admin' && (self || (await otherAdmins()) === 0))
        return refused(
          self
            ? 'Du kan ikke fratage dig selv rollen som administrator. Bed en anden administrator om det.'
            : 'Der skal være mindst én aktiv administrator.',
        );
      await changeStaffScope(deps, actor, input);
    } else {
      const change = accountChanges.find((c) => c === action);
      if (!change) throw new ValidationError([{ field: 'action', message: 'Vælg, hvad der skal ske.' }]);
      if ((change === 'disable' || change === 'remove') && self)
        return refused('Du kan ikke deaktivere eller slette dig selv. Bed en anden administrator om det.');
      if (
        (change === 'disable' || change === 'remove') &&
        user.roles.includes('admin') &&
        (await otherAdmins()) === 0
      )
        return refused('Der skal være mindst én aktiv administrator.');
      try {
        await changeStaffAccount(deps, actor, user.email, change);
      } catch (error) {
        if (error instanceof AdministrationError)
          return html(
            StaffUserPage({
              staff,
              user,
              groups,
              kommuner: kommuner(),
              errors: [{ field: 'action', message: error.message }],
            }),
            400,
          );
        throw error;
      }
    }
    if (action === 'remove') return redirect(`${administrationPath}?besked=slettet`);
    return redirect(`${staffUserPath(user.username)}?gjort=${action}`);
  },

  contacts: async ({ event, staff }: Request) => {
    assertSameOrigin(event);
    const values = formBody(event, 4096);
    const kommune = text(values.kommune) ?? '';
    const actor = actorOf(staff);
    if (!isKommuneCode(kommune))
      return overviewPage(
        staff,
        { errors: [{ field: 'contact-kommune', message: 'Vælg en kommune.' }] },
        400,
      );
    const action = text(values.action);
    if (action === 'quiet') {
      const setting = quietDigestOptions.find((o) => o === text(values.setting));
      if (!setting) throw new ValidationError([{ field: 'setting', message: 'Vælg en indstilling.' }]);
      await setQuietDigest(deps, actor, kommune, setting);
      return redirect(`${administrationPath}?besked=gemt#ugebreve`);
    }
    const email = emailSchema().safeParse(text(values.email) ?? '');
    if (!email.success)
      return overviewPage(
        staff,
        {
          errors: [{ field: 'contact-email', message: 'Skriv en gyldig e-mail, fx integration@kommune.dk.' }],
        },
        400,
      );
    if (action === 'add') {
      await addDigestContact(deps, actor, kommune, email.data);
      return redirect(`${administrationPath}?besked=tilfoejet#ugebreve`);
    }
    if (action === 'remove') {
      await removeDigestContact(deps, actor, kommune, email.data);
      return redirect(`${administrationPath}?besked=fjernet#ugebreve`);
    }
    throw new ValidationError([{ field: 'action', message: 'Vælg, hvad der skal ske.' }]);
  },

  organisations: async ({ event, staff }: Request) =>
    organisationsPage(staff, { notice: messageOf(organisationNotices, queryParameter(event, 'besked')) }),

  saveOrganisation: async ({ event, staff }: Request) => {
    assertSameOrigin(event);
    const values = formBody(event, 4096);
    const parsed = organisationInputSchema.safeParse({
      id: text(values.id) ?? '',
      name: text(values.name) ?? '',
      readiness: text(values.readiness) || undefined,
    });
    if (!parsed.success)
      return organisationsPage(
        staff,
        { values, errors: fieldErrorsOf(parsed.error, organisationFieldMessages) },
        400,
      );
    await saveOrganisationLogged(deps, actorOf(staff), parsed.data);
    return redirect(`${organisationsPath}?besked=organisation#organisationer`);
  },

  group: async ({ event, staff }: Request) => {
    const id = event.pathParameters?.id ?? '';
    const { organisations, groups } = await deps.organisations.all();
    const group = groups.find((g) => g.id === id);
    if (!group && id !== 'ny') throw new NotFoundError('Gruppen findes ikke.');
    return html(GroupPage({ staff, group, organisations, kommuner: kommuner() }));
  },

  saveGroup: async ({ event, staff }: Request) => {
    assertSameOrigin(event);
    const values = formBody(event, 8192);
    const { organisations, groups } = await deps.organisations.all();
    const group = groups.find((g) => g.id === text(values.id));
    const parsed = localGroupInputSchema.safeParse({
      id: text(values.id) ?? '',
      organisationId: text(values.organisationId) ?? '',
      name: text(values.name) ?? '',
      kommuner: many(values, 'kommune'),
      email: (text(values.email) ?? '').toLowerCase(),
      phone: text(values.phone),
      active: text(values.active) === 'yes',
      offers: many(values, 'offers'),
    });
    const fail = (errors: FieldError[]) =>
      html(GroupPage({ staff, group, organisations, kommuner: kommuner(), values, errors }), 400);
    if (!parsed.success) return fail(fieldErrorsOf(parsed.error, groupFieldMessages));
    try {
      await saveGroupLogged(deps, actorOf(staff), parsed.data);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'invalid') return fail([...(error.errors ?? [])]);
      throw error;
    }
    return redirect(`${organisationsPath}?besked=gruppe#grupper`);
  },

  activation: async ({ event, staff }: Request) => {
    const [kommunerWithCounters, { groups }] = await Promise.all([
      deps.counters.listWithCounters(),
      deps.organisations.all(),
    ]);
    return html(
      ActivationPage({
        staff,
        rows: activationList(kommunerWithCounters, groups, kommuneNeighbours()),
        notice: messageOf(organisationNotices, queryParameter(event, 'besked')),
      }),
    );
  },

  activate: async ({ event, staff }: Request) => {
    assertSameOrigin(event);
    const values = formBody(event, 2048);
    const kommune = text(values.kommune) ?? '';
    if (!isKommuneCode(kommune))
      throw new ValidationError([{ field: 'kommune', message: 'Vælg en kommune.' }]);
    await activateGroupLogged(deps, actorOf(staff), text(values.group) ?? '', kommune);
    return redirect(`${activationPath}?besked=aktiveret`);
  },
} satisfies Operations<'administration', Request, HttpResult>;

const organisationNotices: Record<string, string> = {
  organisation: 'Organisationen er gemt.',
  gruppe: 'Gruppen er gemt. Dens koordinatorer ser ændringen ved næste side, de åbner.',
  aktiveret: 'Gruppen er aktiveret for kommunen. Dens koordinatorer ser kommunens flygtninge nu.',
};

const organisationFieldMessages: Record<string, string> = {
  id: 'Skriv et id med små bogstaver, tal og bindestreg (2–48 tegn), fx „red-cross“.',
  name: 'Skriv navnet (2–100 tegn).',
  readiness: 'Vælg reglerne før første match.',
};

const groupFieldMessages: Record<string, string> = {
  id: 'Skriv et id med små bogstaver, tal og bindestreg (2–48 tegn), fx „rk-aarhus“.',
  organisationId: 'Vælg en organisation.',
  name: 'Skriv gruppens navn (2–100 tegn).',
  kommuner: 'Vælg mindst én kommune.',
  email: 'Skriv en gyldig e-mail, fx aarhus@rodekors.dk.',
  phone: 'Skriv et gyldigt telefonnummer, fx 12 34 56 78.',
  offers: 'Vælg mindst én ting, gruppen tilbyder.',
};

/** Zod's issues as one message per field, in the administrators' words. */
const fieldErrorsOf = (error: z.ZodError, messages: Record<string, string>): FieldError[] => {
  const fields = [...new Set(error.issues.map((issue) => String(issue.path[0] ?? 'id')))];
  return fields.map((field) => ({ field, message: messages[field] ?? 'Ret feltet.' }));
};

const organisationsPage = async (
  staff: StaffContext,
  extra: { values?: FormValues; errors?: FieldError[]; notice?: string } = {},
  status = 200,
) => {
  const { organisations, groups } = await deps.organisations.all();
  return html(OrganisationsPage({ staff, organisations, groups, ...extra }), status);
};

export const handler = httpHandler(
  'administration',
  async ({ event, staff, operation }) => {
    if (!staff) throw new UnauthorizedError();
    return operations[operation]({ event, staff });
  },
  { staffAuth },
);
