import { type Operations, pathOf, type RouteDefinition, routes } from '../../shared/routes.ts';
import { type HttpEvent, type HttpResult, html, httpHandler } from '../http/http-handler.ts';
import { langOf } from '../http/http-session.ts';
import { type Journey, LandingPage } from '../web/landing-page.tsx';
import { PrivacyPage } from '../web/privacy-page.tsx';

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
    title: 'Log ind for medarbejdere',
    description: 'For sagsbehandlere på asylcentre, koordinatorer og administratorer.',
    href: pathOf('staff-sign-in', 'signInPage'),
  },
].map((journey) => ({ ...journey, available: hasPage(journey.href) }));

const landing = async () => html(LandingPage({ journeys }), 200, { 'cache-control': 'public, max-age=300' });

/** The notice the sign-up's consent links to, in the visitor's language. */
const privacyNotice = async (event: HttpEvent) =>
  html(PrivacyPage({ lang: langOf(event) }), 200, { 'cache-control': 'public, max-age=300' });

const operations = { landing, privacyNotice } satisfies Operations<'web-pages', HttpEvent, HttpResult>;

export const handler = httpHandler('web-pages', ({ event, operation }) => operations[operation](event));
