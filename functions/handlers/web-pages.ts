import { type Operations, pathOf, type RouteDefinition, routes } from '../../shared/routes.ts';
import { NotFoundError } from '../http/errors.ts';
import { type HttpEvent, type HttpResult, html, httpHandler } from '../http/http-handler.ts';
import { langOf } from '../http/http-session.ts';
import { type Journey, LandingPage } from '../web/landing-page.tsx';
import { currentVersion, noticeOf } from '../web/privacy-notices/notices.ts';
import { RefugeePrivacyPage, VolunteerPrivacyPage } from '../web/privacy-page.tsx';

const hasPage = (href: string) =>
  (routes as readonly RouteDefinition[]).some((route) => route.method === 'GET' && route.path === href);

/** The journeys the landing page offers; each is linked as soon as its route exists. */
const journeys: Journey[] = [
  {
    title: 'Bliv frivillig ven',
    description: 'Meld dig som ven eller venskabsfamilie for en flygtning, der flytter til din kommune.',
    href: '/bliv-ven',
  },
  {
    title: 'Hvor mangler der frivillige?',
    description:
      'Se for hver kommune, hvor mange der venter på en ven, og hvor mange frivillige der mangler.',
    href: '/mangler-frivillige',
  },
  {
    title: 'Min tilmelding',
    description:
      'Er du allerede frivillig? Se og ret dine oplysninger, hold pause, eller slet din tilmelding.',
    href: '/min-tilmelding',
  },
  {
    title: 'Log ind for medarbejdere',
    description: 'For sagsbehandlere på asylcentre, koordinatorer og administratorer.',
    href: pathOf('staff-sign-in', 'signInPage'),
  },
].map((journey) => ({ ...journey, available: hasPage(journey.href) }));

const landing = async () => html(LandingPage({ journeys }), 200, { 'cache-control': 'public, max-age=300' });

const cached = { 'cache-control': 'public, max-age=300' };

/** The volunteers' notice the sign-up's consent links to, in the visitor's language. */
const privacyNotice = async (event: HttpEvent) =>
  html(VolunteerPrivacyPage({ lang: langOf(event), version: currentVersion('volunteers') }), 200, cached);

/** Any published version stays readable at its address; any other answers 404. */
const privacyNoticeVersion = async (event: HttpEvent) => {
  const version = event.pathParameters?.version ?? '';
  if (!noticeOf('volunteers', version, 'danish')) throw new NotFoundError('Den version findes ikke.');
  return html(VolunteerPrivacyPage({ lang: langOf(event), version }), 200, cached);
};

/** The current refugees' notice in Danish, with its languages listed. */
const refugeesNotice = async () =>
  html(RefugeePrivacyPage({ version: currentVersion('refugees'), language: 'danish' }), 200, cached);

const refugeesNoticeVersion = async (event: HttpEvent) => {
  const { version = '', language = '' } = event.pathParameters ?? {};
  if (!noticeOf('refugees', version, language)) throw new NotFoundError('Den version findes ikke.');
  return html(RefugeePrivacyPage({ version, language }), 200, cached);
};

const operations = {
  landing,
  privacyNotice,
  privacyNoticeVersion,
  refugeesNotice,
  refugeesNoticeVersion,
} satisfies Operations<'web-pages', HttpEvent, HttpResult>;

export const handler = httpHandler('web-pages', ({ event, operation }) => operations[operation](event));
